/**
 * A type name means one thing across Slipway: two exported types with one name (as the
 * checker's CheckResult and Pod Security's verdict once were) make an import pick the
 * wrong one silently and a reader guess which is meant.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/paths.js";

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

describe("exported type names", () => {
  it("GIVEN every source file WHEN its exported interfaces, types, classes and enums are listed THEN no name is exported twice", () => {
    const filesByName = new Map<string, string[]>();
    for (const file of sourceFiles(join(REPO_ROOT, "src"))) {
      for (const match of readFileSync(file, "utf8").matchAll(/^export (?:declare )?(?:abstract )?(?:interface|type|class|enum) ([A-Za-z0-9_]+)/gm)) {
        filesByName.set(match[1]!, [...(filesByName.get(match[1]!) ?? []), relative(REPO_ROOT, file)]);
      }
    }
    expect(filesByName.size).toBeGreaterThan(100);
    expect([...filesByName].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(", ")}`)).toEqual([]);
  });
});
