import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderCheckReference, withCheckReference } from "../../../src/check/pod-security/check-reference.js";
import { REPO_ROOT } from "../../support/paths.js";

describe("renderCheckReference", () => {
  it("GIVEN the registry WHEN rendered THEN a row per check with its versions and overrides", () => {
    const table = renderCheckReference();
    expect(table.split("\n").filter((row) => row.startsWith("| `pod-security/"))).toHaveLength(19);
    expect(table).toContain("| `pod-security/sysctls` | baseline | v1.0, v1.27, v1.29, v1.32, v1.37 |");
    expect(table).toContain("| `pod-security/procMount_restricted` | restricted | v1.35 (replaces `procMount`) |");
  });

  it("GIVEN docs/pod-security.md WHEN compared with the registry THEN its generated table is current", () => {
    const document = readFileSync(resolve(REPO_ROOT, "docs", "pod-security.md"), "utf8");
    expect(withCheckReference(document)).toBe(document);
  });

  it("GIVEN a document without the markers WHEN updated THEN the error says which lines to add", () => {
    expect(() => withCheckReference("# nothing here")).toThrow(/has no generated block: add the lines/);
  });
});
