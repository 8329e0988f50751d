import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { extractedLayer } from "../../src/tools/kubectl-layer.js";

const savedCache = process.env.XDG_CACHE_HOME;
const made: string[] = [];
/** A fresh cache folder, removed after the file's tests (the layer's binaries take about 120 MB). */
function temporaryCache(): string {
  const folder = mkdtempSync(join(tmpdir(), "slipway-layer-"));
  made.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});
afterEach(() => {
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
});

/** Every file below `folder`, relative, sorted. */
function filesBelow(folder: string, prefix = ""): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(folder, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

describe("extractedLayer", () => {
  it("GIVEN a cache folder that is a file WHEN the layer is extracted THEN TOOL_UNAVAILABLE names the target and says to set XDG_CACHE_HOME", async () => {
    const blocker = join(temporaryCache(), "cache");
    writeFileSync(blocker, "");
    process.env.XDG_CACHE_HOME = blocker;
    await expect(extractedLayer()).rejects.toMatchObject({
      code: "TOOL_UNAVAILABLE",
      where: expect.stringContaining(join(blocker, "slipway", "kubectl-layer-")),
      fix: expect.stringContaining("XDG_CACHE_HOME"),
    });
  });

  it("GIVEN an empty cache and a strict umask WHEN the layer is extracted THEN the cache holds exactly kubectl and helm, executable, and nothing temporary", async () => {
    process.env.XDG_CACHE_HOME = temporaryCache();
    const umask = process.umask(0o077);
    let folder: string;
    try {
      folder = await extractedLayer();
    } finally {
      process.umask(umask);
    }
    expect(folder.startsWith(join(process.env.XDG_CACHE_HOME, "slipway", "kubectl-layer-"))).toBe(true);
    expect(filesBelow(folder)).toEqual(["helm/helm", "kubectl/kubectl"]);
    expect(readdirSync(join(process.env.XDG_CACHE_HOME, "slipway"))).toEqual([folder.split("/").pop()]);
    for (const binary of ["helm/helm", "kubectl/kubectl"]) expect(statSync(join(folder, binary)).mode & 0o777).toBe(0o755);
    if (process.platform === "linux" && process.arch === "x64") {
      expect(execFileSync(join(folder, "kubectl/kubectl"), ["version", "--client"], { encoding: "utf8" })).toMatch(/Client Version: v1\./);
    }
  });
});
