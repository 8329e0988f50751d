import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { ResolvedTool } from "../../src/tools/cluster-tools.js";
import { firstErrorLine, helmPath, kubectlPath, kustomizeBuild } from "../../src/tools/kubectl.js";
import { installAdvice } from "../../src/tools/go-tool-build.js";

function kustomization(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "slipway-kustomize-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

/** A "kustomize" that is the given shell script (or raw bytes), as a resolved tool. */
function fakeKustomize(body: string, shebang = true): ResolvedTool {
  const command = join(mkdtempSync(join(tmpdir(), "slipway-kustomize-tool-")), "kustomize");
  writeFileSync(command, shebang ? `#!/bin/sh\n${body}\n` : body);
  chmodSync(command, 0o755);
  return { tool: "kustomize", command, prefix: ["build"], version: "v5.7.1", origin: "PATH" };
}

describe("kubectl, helm and kustomize commands", () => {
  it("GIVEN this machine WHEN kubectl and helm are asked for THEN executable binaries that run", async () => {
    const kubectl = await kubectlPath();
    const helm = await helmPath();
    for (const binary of [kubectl, helm]) {
      expect(existsSync(binary)).toBe(true);
      expect(statSync(binary).mode & 0o111).not.toBe(0);
    }
    expect(execFileSync(kubectl, ["version", "--client"], { encoding: "utf8" })).toMatch(/Kustomize Version: v5/);
    expect(execFileSync(helm, ["version", "--short"], { encoding: "utf8" })).toMatch(/^v[34]\./);
  });

  it("GIVEN a kustomization WHEN built THEN the rendered stream, with the namespace applied", async () => {
    const folder = kustomization({ "kustomization.yaml": "namespace: prod\nresources:\n  - cm.yaml\n", "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n" });
    expect(await kustomizeBuild(folder)).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: prod\n");
  });

  it("GIVEN a broken kustomization WHEN built THEN KUSTOMIZATION_INVALID naming the folder (the user's files, not the tool)", async () => {
    const folder = kustomization({ "kustomization.yaml": "resources:\n  - missing.yaml\n" });
    await expect(kustomizeBuild(folder)).rejects.toMatchObject({ code: "KUSTOMIZATION_INVALID", where: folder, message: expect.stringMatching(/^kustomize cannot build this folder: (?!error:).*missing\.yaml/i) });
  });

  it.each([
    ["# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead.\nError: accumulating resources: missing.yaml\n", "accumulating resources: missing.yaml"],
    ["Warning: something\n\n  error: no such file\n", "no such file"],
    ["# Warning: only a warning\n", "# Warning: only a warning"],
    ["", ""],
  ])("GIVEN kustomize's stderr %j WHEN its error is shown THEN the first line that is not a deprecation warning, without the error: prefix", (stderr, expected) => {
    expect(firstErrorLine(stderr)).toBe(expected);
  });

  it.each([
    // execvp hands what the kernel cannot run to /bin/sh, as it does with the layer's linux binary on a Mac.
    ["a binary for another platform (the shell answers 126/127)", fakeKustomize("\x7fELF\x02\x01\x01garbage", false), /could not run: .*(not found|cannot execute)/],
    ["a kustomize whose file is not executable", { ...fakeKustomize("exit 0"), command: "/dev/null" }, /could not run: .*EACCES/],
    ["a kustomize killed by a signal", fakeKustomize("kill -SEGV $$"), /could not run: /],
    ["a kustomize that panics", fakeKustomize("echo 'panic: runtime error: invalid memory address' >&2; exit 2"), /could not run: panic: runtime error/],
  ])("GIVEN %s WHEN a kustomization is built THEN TOOL_UNAVAILABLE naming what to install, never KUSTOMIZATION_INVALID", async (_what, tool, message) => {
    const folder = kustomization({ "kustomization.yaml": "resources: []\n" });
    await expect(kustomizeBuild(folder, tool)).rejects.toMatchObject({
      code: "TOOL_UNAVAILABLE",
      where: tool.command,
      message: expect.stringMatching(message),
      fix: `${installAdvice("kustomize")}; or set SLIPWAY_KUSTOMIZE to a working kustomize`,
    });
  });
});
