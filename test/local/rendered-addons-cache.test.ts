import { mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChartApplication } from "../../src/charts/chart-applications.js";
import type { RenderedAddon } from "../../src/charts/render-addons.js";
import { readRenderedAddons, RENDER_CACHE_ENTRIES, renderCacheDirectory, renderKey, writeRenderedAddons } from "../../src/local/rendered-addons-cache.js";

const application: ChartApplication = { name: "loki", coordinates: { repoURL: "https://grafana.github.io/helm-charts", chart: "loki", version: "6.0.0" }, releaseName: "loki", namespace: "monitoring", values: { replicas: 1 } };
const addon: RenderedAddon = { application: "loki", releaseName: "loki", namespace: "monitoring", chart: { repoURL: "r", chart: "loki", version: "6.0.0", digest: "d" }, objects: [{ apiVersion: "v1", kind: "Service", metadata: { name: "loki" } }] };
const key = renderKey([application], ["digest"], "1.35", "/helm");

describe("rendered add-ons cache", () => {
  it.each([
    ["a value", renderKey([{ ...application, values: { replicas: 2 } }], ["digest"], "1.35", "/helm")],
    ["the chart's digest", renderKey([application], ["other"], "1.35", "/helm")],
    ["the Kubernetes version", renderKey([application], ["digest"], "1.34", "/helm")],
    ["the helm binary", renderKey([application], ["digest"], "1.35", "/other/helm")],
    ["the chart version", renderKey([{ ...application, coordinates: { ...application.coordinates, version: "6.0.1" } }], ["digest"], "1.35", "/helm")],
    ["Slipway's version (an upgrade may render or store differently)", renderKey([application], ["digest"], "1.35", "/helm", "0.0.0-other")],
  ])("GIVEN a render WHEN %s changes THEN the key changes", (_what, changed) => {
    expect(changed).not.toBe(key);
  });

  it("GIVEN a stored render WHEN read with its key, another key, or from a damaged file THEN only its own key gets it back", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-render-cache-"));
    expect(await readRenderedAddons(directory, key)).toBeUndefined();
    await writeRenderedAddons(directory, key, [addon]);
    expect(await readRenderedAddons(directory, key)).toEqual([addon]);
    expect(await readRenderedAddons(directory, "another")).toBeUndefined();
    writeFileSync(join(directory, `${key}.json`), '{"key":');
    expect(await readRenderedAddons(directory, key)).toBeUndefined();
  });

  it("GIVEN more renders than the cache keeps WHEN one more is stored THEN the least recently used ones go and a recent hit stays", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-render-cache-"));
    const keys = Array.from({ length: RENDER_CACHE_ENTRIES }, (_, index) => renderKey([application], [`digest-${index}`], "1.35", "/helm"));
    for (const [index, stored] of keys.entries()) {
      await writeRenderedAddons(directory, stored, [addon]);
      const then = new Date(Date.UTC(2026, 0, 1, 0, index));
      utimesSync(join(directory, `${stored}.json`), then, then);
    }
    // The oldest is read (a hit makes it the newest); the second oldest is then the one to go.
    expect(await readRenderedAddons(directory, keys[0]!)).toEqual([addon]);
    const newest = renderKey([application], ["digest-new"], "1.35", "/helm");
    await writeRenderedAddons(directory, newest, [addon]);
    expect(readdirSync(directory).sort()).toEqual([keys[0]!, ...keys.slice(2), newest].map((stored) => `${stored}.json`).sort());
    expect(await readRenderedAddons(directory, keys[1]!)).toBeUndefined();
  });

  it("GIVEN a render WHEN stored under a lax umask THEN the file is its owner's only and no temporary file is left", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-render-cache-"));
    const umask = process.umask(0o000);
    try {
      await writeRenderedAddons(directory, key, [addon]);
      await writeRenderedAddons(directory, key, [addon]);
    } finally {
      process.umask(umask);
    }
    expect(statSync(join(directory, `${key}.json`)).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual([`${key}.json`]);
  });

  it("GIVEN a cache folder that is a file WHEN a render is stored THEN LOCAL_CLUSTER names the cache file and says how to fix it", async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), "slipway-render-cache-")), "rendered-addons");
    writeFileSync(blocker, "");
    await expect(writeRenderedAddons(blocker, key, [addon])).rejects.toMatchObject({ code: "LOCAL_CLUSTER", where: join(blocker, `${key}.json`), fix: expect.stringContaining(blocker) });
  });

  it("GIVEN temporary files a killed up left WHEN a render is stored THEN those over an hour old go and a recent one (another up writing) stays", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-render-cache-"));
    const old = `.${key}.json.123-1.tmp`;
    const recent = `.${key}.json.456-1.tmp`;
    writeFileSync(join(directory, old), "{");
    writeFileSync(join(directory, recent), "{");
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(directory, old), longAgo, longAgo);
    await writeRenderedAddons(directory, key, [addon]);
    expect(readdirSync(directory).sort()).toEqual([recent, `${key}.json`].sort());
  });

  it("GIVEN XDG_CACHE_HOME WHEN the cache folder is asked for THEN it is slipway's cache root, shared by every local cluster", () => {
    expect(renderCacheDirectory({ XDG_CACHE_HOME: "/x" })).toBe("/x/slipway/rendered-addons");
  });
});
