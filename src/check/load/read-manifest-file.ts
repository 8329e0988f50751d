/**
 * One manifest file on disk → its objects and findings: read, decoded as go-yaml decodes
 * bytes, parsed. A file that cannot be read is an `input` finding, never a silent skip.
 * The loader calls it on the main thread, and the parse workers on theirs, so a file gives
 * the same result wherever it is read.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { decodeManifest } from "./decode-manifest.js";
import { parseSource, type ParsedSource } from "./parse-source.js";

export const INPUT_RULE_ID = "input";

/** `path`: where to read; `file`: the name findings and objects carry (relative to the working directory). */
export function readManifestFile(path: string, file: string): ParsedSource {
  let text: string;
  try {
    // Synchronous on purpose: one small file after another, a thread-pool round trip per
    // asynchronous read costs more than the read itself (about 1 ms a file).
    text = decodeManifest(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { objects: [], findings: [{ ruleId: INPUT_RULE_ID, severity: "error", file, line: 1, message: `cannot read the file: ${code}`, fix: "make the file readable or leave it out of the input" }] };
  }
  return parseSource(text, file, extname(path).toLowerCase() === ".json" ? "json" : "yaml");
}
