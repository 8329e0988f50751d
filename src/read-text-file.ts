/**
 * A file the user names (the spec, a load file, a rules config, a simulation.json) → text,
 * refusing what is not a readable text file.
 *
 * Why each guard: a FIFO or socket named slipway.yaml made readFileSync wait forever for a
 * writer; a folder or a file the user may not read ended in Node's bare EISDIR/EACCES; a
 * UTF-16 file (Windows editors save YAML so) was read as UTF-8 and refused as "expected
 * object, got the string \"\u0000c\u0000l...\""; and bytes that are not UTF-8 became U+FFFD
 * without a word, so a free-text field reached the cluster with replacement characters.
 * The YAML 1.2 spec asks parsers to read UTF-16, so a byte order mark is honoured exactly
 * as `slipway check` honours it on a manifest (`decodeManifest`).
 */
import { lstatSync, readFileSync, statSync, type Stats } from "node:fs";
import { BINARY_TEXT, decodeManifest } from "./check/load/decode-manifest.js";
import { SlipwayError, type SlipwayErrorCode } from "./errors.js";

export interface TextFileRole {
  /** What the file is, starting a sentence: "spec file", "load file". */
  readonly what: string;
  readonly code: SlipwayErrorCode;
  /** How to fix a path that is not a file, by what it is ("a folder", "a named pipe (FIFO)"...). */
  readonly fix: string | ((kind: string) => string);
}

/** What a path is when it is not a regular file, for the error message. */
export function fileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * Throws unless `path` is a regular file (after symbolic links) the process may read;
 * `shownAs` is the path as the user wrote it.
 */
export function assertRegularFile(path: string, shownAs: string, role: TextFileRole): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw unreadable(path, shownAs, role, error);
  }
  const kind = fileKind(stats);
  if (kind !== undefined) {
    throw new SlipwayError(role.code, `${role.what} ${shownAs} is ${kind}${kind === "a folder" ? "" : ", not a file"}`, { where: path, fix: fixFor(role, kind) });
  }
}

/** The text of a regular file (see assertRegularFile): UTF-8, or UTF-16 with a byte order mark. */
export function readTextFile(path: string, role: TextFileRole): string {
  assertRegularFile(path, path, role);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw unreadable(path, path, role, error);
  }
  const text = decodeManifest(bytes);
  if (text === BINARY_TEXT) {
    throw new SlipwayError(role.code, `${role.what} contains NUL bytes: it is binary, or UTF-16/UTF-32 without a byte order mark`, {
      where: path,
      fix: "save it as UTF-8 text (or UTF-16 with a byte order mark)",
    });
  }
  const unmarked = !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff);
  if (unmarked) {
    const offset = firstInvalidUtf8(bytes);
    if (offset !== undefined) {
      const line = bytes.subarray(0, offset).toString("latin1").split("\n").length;
      throw new SlipwayError(role.code, `${role.what} is not UTF-8: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")} at line ${line} starts no UTF-8 character`, {
        where: `${path}:${line}`,
        fix: "save it as UTF-8 (it is probably Latin-1 or Windows-1252); YAML and JSON are read as UTF-8, or UTF-16 with a byte order mark",
      });
    }
  }
  return text;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, if any. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const strict = new TextDecoder("utf-8", { fatal: true });
  try {
    strict.decode(bytes);
    return undefined;
  } catch {
    // The decoder does not say where: walk the sequences to find the offset.
    let offset = 0;
    while (offset < bytes.length) {
      const length = utf8SequenceLength(bytes, offset);
      if (length === 0) return offset;
      offset += length;
    }
    return undefined;
  }
}

/** Length of the well-formed UTF-8 sequence at `offset` (RFC 3629), or 0. */
function utf8SequenceLength(bytes: Uint8Array, offset: number): number {
  const first = bytes[offset] ?? 0;
  if (first < 0x80) return 1;
  const continuation = (index: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[offset + index];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

function unreadable(path: string, shownAs: string, role: TextFileRole, error: unknown): SlipwayError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "EACCES" || code === "EPERM"
      ? "may not be read (permission denied)"
      : code === "ELOOP"
        ? "is a loop of symbolic links"
        : code === "ENOENT"
          ? isSymbolicLink(path)
            ? "is a symbolic link to nothing"
            : "does not exist"
          : `could not be read (${(error as Error).message})`;
  return new SlipwayError(role.code, `${role.what} ${shownAs} ${reason}`, {
    where: path,
    cause: error,
    fix: code === "EACCES" || code === "EPERM" ? `let your user read it (chmod u+r ${shownAs})` : fixFor(role, "not a file"),
  });
}

function fixFor(role: TextFileRole, kind: string): string {
  return typeof role.fix === "string" ? role.fix : role.fix(kind);
}

export function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
