import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChartApplication } from "../../src/charts/chart-applications.js";
import type { RenderedAddon } from "../../src/charts/render-addons.js";
import { readRenderedAddons, renderKey, writeRenderedAddons } from "../../src/local/rendered-addons-cache.js";

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
  ])("GIVEN a render WHEN %s changes THEN the key changes", (_what, changed) => {
    expect(changed).not.toBe(key);
  });

  it("GIVEN a stored render WHEN read with its key, another key, or from a damaged file THEN only its own key gets it back", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "slipway-render-cache-")), "rendered-addons.json");
    expect(await readRenderedAddons(file, key)).toBeUndefined();
    await writeRenderedAddons(file, key, [addon]);
    expect(await readRenderedAddons(file, key)).toEqual([addon]);
    expect(await readRenderedAddons(file, "another")).toBeUndefined();
    writeFileSync(file, '{"key":');
    expect(await readRenderedAddons(file, key)).toBeUndefined();
  });

  it("GIVEN a render WHEN stored under a lax umask THEN the file is its owner's only and no temporary file is left", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-render-cache-"));
    const file = join(directory, "rendered-addons.json");
    const umask = process.umask(0o000);
    try {
      await writeRenderedAddons(file, key, [addon]);
      await writeRenderedAddons(file, key, [addon]);
    } finally {
      process.umask(umask);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual(["rendered-addons.json"]);
  });

  it("GIVEN a state folder that is a file WHEN a render is stored THEN LOCAL_CLUSTER names the cache file and says how to fix it", async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), "slipway-render-cache-")), "state");
    writeFileSync(blocker, "");
    const file = join(blocker, "rendered-addons.json");
    await expect(writeRenderedAddons(file, key, [addon])).rejects.toMatchObject({ code: "LOCAL_CLUSTER", where: file, fix: expect.stringContaining("slipway down") });
  });
});
