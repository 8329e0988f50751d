/**
 * Makes sure the output folder can be written before anything is synthesized, so a bad
 * `--out` fails at once with the reason instead of after the synthesis (or never: Node's
 * recursive mkdir loops forever below /proc, where every mkdir answers ENOENT).
 *
 * Folders are created one level at a time without `recursive`, so each failure names the
 * folder that could not be made and why.
 */
import { accessSync, constants, mkdirSync, rmdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { SlipwayError } from "../errors.js";

const FIX = "pass --out a folder you can write to (a new or existing folder, not a file)";

/**
 * Proves `directory` can be created and written, then leaves the disk as it was: the
 * check before synthesis must not write anything if synthesis then fails.
 */
export function assertOutputWritable(directory: string): void {
  for (const folder of ensureOutputDirectory(directory).reverse()) rmdirSync(folder);
}

/** Creates `directory` (and missing parents) or throws OUTPUT_UNWRITABLE saying why; returns the folders it created. */
export function ensureOutputDirectory(directory: string): string[] {
  const target = resolve(directory);
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    const kind = kindOf(existing);
    if (kind === "directory") break;
    if (kind === "other") {
      const message = existing === target ? `${target} exists and is not a folder` : `${existing} is a file, so ${target} cannot be a folder below it`;
      throw new SlipwayError("OUTPUT_UNWRITABLE", message, { where: target, fix: FIX });
    }
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw unwritable(target, existing, error);
  }
  const created: string[] = [];
  for (const folder of missing) {
    try {
      mkdirSync(folder);
      created.push(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && kindOf(folder) === "directory") continue;
      for (const made of created.reverse()) rmdirSync(made);
      throw unwritable(target, folder, error);
    }
  }
  return created;
}

function kindOf(path: string): "directory" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "directory" : "other";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    // ENOTDIR: a parent is a file; the walk upwards reports which one.
    if (code === "ENOTDIR") return "missing";
    throw unwritable(path, path, error);
  }
}

function unwritable(target: string, folder: string, error: unknown): SlipwayError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  const reason =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "permission denied or read-only file system"
      : code === "ENOENT"
        ? "the file system does not allow creating it (a virtual file system such as /proc or /sys?)"
        : (error as Error).message;
  return new SlipwayError("OUTPUT_UNWRITABLE", `cannot write ${target}: ${folder === target ? "" : `${folder}: `}${reason} (${code})`, {
    where: target,
    cause: error,
    fix: FIX,
  });
}
