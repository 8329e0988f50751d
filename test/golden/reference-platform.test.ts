import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { parseSpec } from "../../src/platform-spec/load.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { REPO_ROOT } from "../support/paths.js";
import { readTree } from "../support/tree.js";

describe("golden files of the reference platform", () => {
  it("GIVEN the reference spec WHEN synthesizing THEN the GitOps tree equals test/golden/reference/gitops (run `npm run golden` and review the diff when a change is intended)", () => {
    const golden = readTree(join(REPO_ROOT, "test", "golden", "reference", "gitops"));
    const generated = synthesizeGitOps(parseSpec({}, "the reference platform"));
    expect([...generated.keys()]).toEqual([...golden.keys()]);
    for (const [path, content] of generated) expect(content, path).toBe(golden.get(path));
  });
});
