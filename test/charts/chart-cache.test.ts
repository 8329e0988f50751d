import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cachedChart, cachedChartPath, chartCacheDirectory, storeChart } from "../../src/charts/chart-cache.js";

describe("the chart cache", () => {
  it.each([
    [{ XDG_CACHE_HOME: "/x" }, "/x/slipway/charts"],
    [{ XDG_CACHE_HOME: "", HOME: "/home/u" }, "/slipway/charts"],
  ])("GIVEN %j WHEN locating the cache THEN it is under %s", (environment, suffix) => {
    expect(chartCacheDirectory(environment).endsWith(suffix)).toBe(true);
  });

  it.each([
    [{ repoURL: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.21.1" }, "/c/charts.jetstack.io/cert-manager-v1.21.1.tgz"],
    [{ repoURL: "public.ecr.aws/karpenter", chart: "karpenter", version: "1.14.1" }, "/c/public.ecr.aws_karpenter/karpenter-1.14.1.tgz"],
    [{ repoURL: "https://a.example/../x/", chart: "../evil", version: "1/2" }, "/c/a.example_.._x/.._evil-1_2.tgz"],
  ])("GIVEN %j WHEN keyed THEN the file is %s (repository, chart and version; no path escapes)", (coordinates, expected) => {
    expect(cachedChartPath(coordinates, "/c")).toBe(expected);
  });

  it("GIVEN a chart stored twice WHEN read THEN the last content is there and no temporary file is left", async () => {
    const cache = mkdtempSync(join(tmpdir(), "slipway-cache-"));
    const coordinates = { repoURL: "https://r.example", chart: "demo", version: "1.0.0" };
    expect(cachedChart(coordinates, cache)).toBeUndefined();
    await storeChart(coordinates, Buffer.from("one"), cache);
    const path = await storeChart(coordinates, Buffer.from("two"), cache);
    expect(cachedChart(coordinates, cache)).toBe(path);
    expect(readFileSync(path, "utf8")).toBe("two");
    expect(readdirSync(join(cache, "r.example"))).toEqual(["demo-1.0.0.tgz"]);
  });

  it("GIVEN a cache folder that is a file WHEN a chart is stored THEN CHART_UNAVAILABLE names the chart's file and the cache to fix", async () => {
    const cache = join(mkdtempSync(join(tmpdir(), "slipway-cache-")), "charts");
    writeFileSync(cache, "");
    const coordinates = { repoURL: "https://r.example", chart: "demo", version: "1.0.0" };
    await expect(storeChart(coordinates, Buffer.from("one"), cache)).rejects.toMatchObject({
      code: "CHART_UNAVAILABLE",
      where: cachedChartPath(coordinates, cache),
      fix: expect.stringContaining(cache),
    });
  });
});
