/**
 * `slipway check` end to end on the whole synthesized reference repository (real kustomize on
 * every folder), with the bundled CRDs and with the upstream ones. `npm test` runs it;
 * `npm run test:unit` leaves it out (see vitest.config.ts), as it takes some 15 s of CPU.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { needsShared } from "../support/shared.js";

describe("slipway check on the reference platform", () => {
  it("GIVEN the synthesized reference GitOps repository WHEN checked with no option THEN no error: the add-ons' CRDs are bundled", async () => {
    const { parseSpec } = await import("../../src/platform-spec/load.js");
    const { synthesizeGitOps } = await import("../../src/gitops/synthesize.js");
    const { writeTree } = await import("../../src/synth/write-tree.js");
    const root = mkdtempSync(join(tmpdir(), "slipway-reference-"));
    writeTree(root, synthesizeGitOps(parseSpec({}, "reference")));
    let stdout = "";
    const code = await main(["check", ".", "--output", "json"], { stdout: (text) => (stdout += text), stderr: () => {}, cwd: root, readStdin: async () => "" });
    const result = JSON.parse(stdout) as { findings: { ruleId: string; severity: string }[]; stats: { objects: number } };
    expect(result.findings.filter((finding) => finding.ruleId === "unknown-kind")).toEqual([]);
    expect(result.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(result.stats.objects).toBeGreaterThan(50);
    expect(code).toBe(0);
  });
});

describe.skipIf(needsShared("the check of the reference platform against upstream CRDs"))("slipway check on the reference platform with the upstream CRDs", () => {
  it("GIVEN the synthesized reference GitOps repository and the add-ons' upstream CRDs WHEN checked THEN no error", async () => {
    const { parseSpec } = await import("../../src/platform-spec/load.js");
    const { synthesizeGitOps } = await import("../../src/gitops/synthesize.js");
    const { writeTree } = await import("../../src/synth/write-tree.js");
    const { upstreamCrdDirectories } = await import("../support/crds.js");
    const { checkManifests } = await import("../../src/check/check.js");
    const root = mkdtempSync(join(tmpdir(), "slipway-reference-"));
    writeTree(root, synthesizeGitOps(parseSpec({}, "reference")));
    const result = await checkManifests(["."], { cwd: root, crdDirectories: await upstreamCrdDirectories() });
    expect(result.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(result.stats.objects).toBeGreaterThan(50);
    // Rendered by kustomize, yet every object points at the file it was written in.
    expect(result.findings.every((finding) => !finding.file.endsWith("kustomization.yaml"))).toBe(true);
  });
});
