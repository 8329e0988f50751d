/**
 * Writes a rendered tree to disk all at once: into a temporary sibling folder first,
 * then swapped in place, so a failure never leaves a half-written output and files
 * that a previous run wrote but this one does not are removed.
 */
import { mkdirSync, rmSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { SlipwayError } from "../errors.js";
import { ensureOutputDirectory } from "./output-directory.js";

export function writeTree(directory: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const target = resolve(directory);
  const staging = `${target}.slipway-staging-${process.pid}`;
  const previous = `${target}.slipway-previous-${process.pid}`;
  try {
    ensureOutputDirectory(dirname(target));
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    for (const [path, content] of files) {
      const file = join(staging, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    if (existsSync(target)) renameSync(target, previous);
    renameSync(staging, target);
    rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(previous) && !existsSync(target)) renameSync(previous, target);
    throw new SlipwayError("OUTPUT_UNWRITABLE", `could not write ${target}: ${(error as Error).message}`, {
      where: target,
      cause: error,
      fix: "choose a writable --out folder",
    });
  }
}
