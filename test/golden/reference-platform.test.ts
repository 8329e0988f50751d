import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { parseSpec } from "../../src/platform-spec/load.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { REPO_ROOT } from "../support/paths.js";
import { readTree } from "../support/tree.js";
import { CAPABILITY_SPEC, CAPABILITY_SPEC_PATH } from "../support/argocd-capability-spec.js";

describe("golden files of the reference platform", () => {
  it("GIVEN the reference spec WHEN synthesizing THEN the GitOps tree equals test/golden/reference/gitops (run `npm run golden` and review the diff when a change is intended)", () => {
    const golden = readTree(join(REPO_ROOT, "test", "golden", "reference", "gitops"));
    const generated = synthesizeGitOps(parseSpec({}, "the reference platform"));
    expect([...generated.keys()]).toEqual([...golden.keys()]);
    for (const [path, content] of generated) expect(content, path).toBe(golden.get(path));
  });
});

describe("golden files of the eks-capability example", () => {
  it("GIVEN test/golden/eks-capability/slipway.yaml WHEN synthesizing THEN the GitOps tree equals test/golden/eks-capability/gitops (run `npm run golden` and review the diff when a change is intended)", () => {
    const golden = readTree(join(REPO_ROOT, "test", "golden", "eks-capability", "gitops"));
    const generated = synthesizeGitOps(parseSpec(CAPABILITY_SPEC, CAPABILITY_SPEC_PATH));
    expect([...generated.keys()]).toEqual([...golden.keys()]);
    for (const [path, content] of generated) expect(content, path).toBe(golden.get(path));
  });
});
