/**
 * Extracts a zip archive (npm-shipped binaries, Go module zips) with yauzl, refusing
 * entries that would escape the destination. `select` picks entries and names their
 * path below the destination; by default every entry keeps its own path. `write` stores one
 * file entry (by default streamed to its path); the kubectl layer passes the one whole-file
 * writer so each binary appears whole.
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

/** Stores the content of one file entry at `target` (below the destination). */
export type ZipEntryWriter = (target: string, content: Readable) => Promise<unknown>;

const streamToFile: ZipEntryWriter = (target, content) => mkdir(dirname(target), { recursive: true }).then(() => pipeline(content, createWriteStream(target)));

export function unzip(zipPath: string, destination: string, select: (entryName: string) => string | undefined = (name) => name, write: ZipEntryWriter = streamToFile): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error(`cannot open ${zipPath}`));
      zip.on("error", reject);
      zip.on("end", () => resolvePromise());
      zip.on("entry", (entry: yauzl.Entry) => {
        const relative = select(entry.fileName);
        if (relative === undefined) return zip.readEntry();
        const target = join(destination, relative);
        if (!target.startsWith(destination + "/")) return reject(new Error(`zip entry escapes the folder: ${entry.fileName}`));
        if (entry.fileName.endsWith("/")) {
          mkdir(target, { recursive: true }).then(() => zip.readEntry(), reject);
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entry.fileName}`));
          write(target, stream).then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
  });
}
