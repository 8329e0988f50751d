/**
 * One file written whole: to a temporary file in the same folder, then renamed over the
 * target, so a reader never sees half a file and a failure leaves the previous file, if
 * any, untouched. The folder is created when missing.
 *
 * The one whole-file writer: command outputs (simulation.json, rollout.json, the report
 * page), the local cluster's state.json, caches (rendered add-ons, packaged charts) and
 * extracted binaries (the kubectl layer) all go through it. A folder filled in full before it appears (write-tree.ts, the
 * Go builds and module extractions) is another thing and stages a folder instead.
 */
import { chmod, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SlipwayError, type SlipwayErrorCode } from "../errors.js";
import { ensureOutputDirectory } from "./output-directory.js";

export interface OutputFileOptions {
  /** Permission bits of the file, exactly (not reduced by the umask). @default 0o666 less the umask */
  readonly mode?: number;
  /** The code of the error when the file cannot be written. @default "OUTPUT_UNWRITABLE" */
  readonly errorCode?: SlipwayErrorCode;
  /** How to fix a failure. @default "pass --out a folder you can write to" */
  readonly fix?: string;
}

/** The file's content: text, bytes, or a stream of bytes (a zip entry) written as it arrives. */
export type OutputFileContent = string | Uint8Array | AsyncIterable<Uint8Array>;

// Unique within the process too, so two writes of one file at once do not share a temporary file.
let writes = 0;

/** Writes `content` to `directory/name`; resolves with the file's path. */
export async function writeOutputFile(directory: string, name: string, content: OutputFileContent, options: OutputFileOptions = {}): Promise<string> {
  const errorCode = options.errorCode ?? "OUTPUT_UNWRITABLE";
  const fix = options.fix ?? "pass --out a folder you can write to";
  const target = join(directory, name);
  try {
    ensureOutputDirectory(directory);
  } catch (error) {
    if (errorCode === "OUTPUT_UNWRITABLE") throw error;
    throw new SlipwayError(errorCode, (error as Error).message, { where: target, fix, cause: error });
  }
  writes += 1;
  const temporary = join(directory, `.${name}.${process.pid}-${writes}.tmp`);
  try {
    await writeFile(temporary, content, options.mode === undefined ? {} : { mode: options.mode });
    if (options.mode !== undefined) await chmod(temporary, options.mode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new SlipwayError(errorCode, `could not write ${target}: ${(error as Error).message}`, { where: target, fix, cause: error });
  }
  return target;
}
