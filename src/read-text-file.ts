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
import { BINARY_TEXT, decodeManifest, invalidUtf8Offset, lineOfOffset } from "./check/load/decode-manifest.js";
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
  {
    const offset = invalidUtf8Offset(bytes);
    if (offset !== undefined) {
      const line = lineOfOffset(bytes, offset);
      throw new SlipwayError(role.code, `${role.what} is not UTF-8: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")} at line ${line} starts no UTF-8 character`, {
        where: `${path}:${line}`,
        fix: "save it as UTF-8 (it is probably Latin-1 or Windows-1252); YAML and JSON are read as UTF-8, or UTF-16 with a byte order mark",
      });
    }
  }
  return text;
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
