/**
 * A file written whole goes through the one writer, src/synth/output-file.ts
 * (`writeOutputFile`: a temporary file renamed over the target). Only code that stages a
 * whole folder, or cannot await, renames things itself; a new caller that stages and renames a
 * file on its own fails here and should call writeOutputFile instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/paths.js";

/** Files that may rename, and why. */
const RENAMES_ALLOWED: Readonly<Record<string, string>> = {
  "src/synth/output-file.ts": "the one whole-file writer",
  "src/synth/write-tree.ts": "stages a whole folder tree (synth's output) and swaps it in",
  "src/tools/go-tool-build.ts": "stages a whole build folder, renamed into place",
  "src/tools/go-module-crds.ts": "stages a whole folder of a module's files, complete when it appears",
  "src/check/schema/schema-compiler.ts": "a best-effort cache written on the synchronous compile path, which cannot await writeOutputFile",
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("whole-file writes", () => {
  it("GIVEN every source file WHEN the ones that rename a file or folder are listed THEN only the writer and the folder stagers do", () => {
    const renaming = sourceFiles(join(REPO_ROOT, "src"))
      .filter((file) => /\brename(Sync)?\(/.test(readFileSync(file, "utf8")))
      .map((file) => relative(REPO_ROOT, file))
      .sort();
    expect(renaming).toContain("src/synth/output-file.ts");
    expect(renaming.filter((file) => RENAMES_ALLOWED[file] === undefined)).toEqual([]);
  });
});
