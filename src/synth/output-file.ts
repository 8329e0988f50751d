/**
 * One output file written whole: to a temporary file in the same folder, then renamed over
 * the target, so a reader never sees half a file and a failure leaves the previous file,
 * if any, untouched. The folder is created when missing.
 */
import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SlipwayError } from "../errors.js";
import { ensureOutputDirectory } from "./output-directory.js";

/** Writes `text` to `directory/name`; resolves with the file's path. */
export async function writeOutputFile(directory: string, name: string, text: string): Promise<string> {
  ensureOutputDirectory(directory);
  const target = join(directory, name);
  const temporary = join(directory, `.${name}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new SlipwayError("OUTPUT_UNWRITABLE", `could not write ${target}: ${(error as Error).message}`, { where: target, fix: "pass --out a folder you can write to", cause: error });
  }
  return target;
}
