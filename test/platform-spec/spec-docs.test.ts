import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specJsonSchema, specMarkdown } from "../../src/platform-spec/spec-docs.js";
import { REPO_ROOT } from "../support/paths.js";

describe("generated spec documentation", () => {
  it("GIVEN the spec schema WHEN docs/spec.md is generated THEN the committed file is current (npm run docs)", () => {
    expect(readFileSync(join(REPO_ROOT, "docs", "spec.md"), "utf8")).toBe(specMarkdown());
  });

  it("GIVEN the spec schema WHEN the JSON Schema is generated THEN the committed file is current (npm run docs)", () => {
    expect(readFileSync(join(REPO_ROOT, "schema", "slipway.schema.json"), "utf8")).toBe(JSON.stringify(specJsonSchema(), null, 2) + "\n");
  });

  it("GIVEN the schema source WHEN scanned THEN no field is described twice (zod keeps only the last .describe, so docs/spec.md would lose one)", () => {
    const source = readFileSync(join(REPO_ROOT, "src", "platform-spec", "schema.ts"), "utf8");
    expect(source.match(/\.describe\((?:"[^"]*"|`[^`]*`)\)\s*\.describe\(/g) ?? []).toEqual([]);
    expect(specMarkdown()).toContain('| `monitoring.logRetention` | string | `"744h"` | How long Loki keeps logs (its retention period). |');
  });

  it("GIVEN the spec schema WHEN the reference is generated THEN every field says what it is for (no empty description cell)", () => {
    const rows = specMarkdown().split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(100);
    const undescribed = rows
      .map((row) => row.split(" | "))
      .filter((cells) => (cells[3] ?? "").replace(/\*\*required\*\*/, "").replace(/\|$/, "").trim() === "")
      .map((cells) => cells[0]!.replace(/^\| /, ""));
    expect(undescribed).toEqual([]);
  });

  it("GIVEN the reference defaults THEN the reference lists each field with its default and the required ones as required", () => {
    const markdown = specMarkdown();
    expect(markdown).toContain('| `cluster.name` | string | `"production-cluster"` | EKS cluster name; prefixes every AWS resource name. |');
    expect(markdown).toContain("| `applications.<name>.namespace` | string |  | Namespace the application runs in. **required** |");
    expect(markdown).toContain('| `karpenter.capacitySplit` | object | `{"spot":4,"onDemand":1}` |');
  });
});
