/**
 * Real builds with Go (no stand-ins): kustomize, the cheapest of the three tools, built for
 * this machine and run, and cross-compiled for darwin/arm64 to prove the GOOS/GOARCH
 * plumbing a Mac user's build goes through. helm and kubectl take the same path (helm) or
 * the tools/localcp module (kubectl) and cost minutes each on a cold cache, so they are
 * not built here. Needs Go and the Go module proxy (or a warm module cache).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, readSync, closeSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildGoTool, builtToolPath, goTarget, installAdvice } from "../../src/tools/go-tool-build.js";
import { CLUSTER_TOOLS } from "../../src/versions.js";

/** A cold kustomize build takes minutes on 2 busy cores; a warm Go build cache makes it seconds. */
const BUILD_TIMEOUT = 20 * 60 * 1000;
const cacheRoot = mkdtempSync(join(tmpdir(), "slipway-tool-build-"));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

function header(path: string, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const descriptor = openSync(path, "r");
  try {
    readSync(descriptor, buffer, 0, length, 0);
  } finally {
    closeSync(descriptor);
  }
  return buffer;
}

describe("goTarget", () => {
  it.each([
    ["darwin", "arm64", { goos: "darwin", goarch: "arm64" }],
    ["darwin", "x64", { goos: "darwin", goarch: "amd64" }],
    ["linux", "arm64", { goos: "linux", goarch: "arm64" }],
    ["linux", "x64", { goos: "linux", goarch: "amd64" }],
    ["aix", "ppc", undefined],
  ])("GIVEN Node's %s/%s WHEN translated THEN Go's names", (platform, arch, expected) => {
    expect(goTarget(platform, arch)).toEqual(expected);
  });
});

describe("buildGoTool", () => {
  it("GIVEN no cached kustomize WHEN built for this machine THEN the pinned kustomize runs and builds a kustomization", async () => {
    const host = goTarget()!;
    const path = await buildGoTool("kustomize", { cacheRoot });
    expect(path).toBe(builtToolPath("kustomize", host.goos, host.goarch, cacheRoot));
    expect(statSync(path).mode & 0o111).not.toBe(0);
    expect(execFileSync(path, ["version"], { encoding: "utf8" }).trim()).toBe(CLUSTER_TOOLS.kustomize.pinned);
    const folder = mkdtempSync(join(cacheRoot, "kustomization-"));
    writeFileSync(join(folder, "kustomization.yaml"), "namespace: prod\nresources:\n  - cm.yaml\n");
    writeFileSync(join(folder, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    expect(execFileSync(path, ["build", folder], { encoding: "utf8" })).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: prod\n");
    // A second call finds the cached binary instead of building again.
    const before = statSync(path).mtimeMs;
    expect(await buildGoTool("kustomize", { cacheRoot })).toBe(path);
    expect(statSync(path).mtimeMs).toBe(before);
  }, BUILD_TIMEOUT);

  it("GIVEN darwin/arm64 WHEN kustomize is cross-compiled THEN a Mach-O arm64 executable in its own cache folder", async () => {
    const path = await buildGoTool("kustomize", { cacheRoot, goos: "darwin", goarch: "arm64" });
    expect(path).toBe(join(cacheRoot, "tools", `kustomize-${CLUSTER_TOOLS.kustomize.pinned}-darwin-arm64`, "kustomize"));
    const bytes = header(path, 8);
    // MH_MAGIC_64 then CPU_TYPE_ARM64 (0x0100000c), both little-endian.
    expect(bytes.readUInt32LE(0)).toBe(0xfeedfacf);
    expect(bytes.readUInt32LE(4)).toBe(0x0100000c);
  }, BUILD_TIMEOUT);

  it("GIVEN no Go on the PATH WHEN a tool must be built THEN TOOL_UNAVAILABLE says what to install", async () => {
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(cacheRoot, "empty-path-"));
    try {
      await expect(buildGoTool("helm", { cacheRoot })).rejects.toMatchObject({
        code: "TOOL_UNAVAILABLE",
        message: "helm is needed and Go, which would build it, is not on the PATH",
        fix: `${installAdvice("helm")}, or install Go 1.25+ (https://go.dev/dl) so Slipway builds it`,
      });
    } finally {
      process.env.PATH = path;
    }
  });
});
