import { describe, expect, it } from "vitest";
import { analysisTemplate } from "../../src/gitops/applications/analysis-template.js";
import { PROMETHEUS_URL } from "../../src/gitops/conventions.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { analysisTiming, localAnalysisTemplate } from "../../src/simulate/rollout-analysis.js";
import { compressTime } from "../../src/simulate/time-compression.js";

const spec = parseSpec({}, "rollout-analysis.test.ts");

describe("analysisTiming", () => {
  it.each([
    // GIVEN a speed factor   THEN interval (1m / N, at least one scrape), window and initial delay (the custom metrics path's window)
    { factor: 1, interval: "1m", window: "2m" },
    { factor: 20, interval: "3s", window: "6s" },
    { factor: 30, interval: "2s", window: "4s" },
    { factor: 120, interval: "1s", window: "4s" },
  ])("GIVEN ×$factor WHEN the analysis timing is compressed THEN interval $interval, window and initialDelay $window", ({ factor, interval, window }) => {
    const { customMetrics } = compressTime(spec, factor);
    const timing = analysisTiming(factor, customMetrics.rateWindow, customMetrics.scrapeInterval);
    expect(timing).toMatchObject({ interval, rateWindow: window, initialDelay: window });
    expect(timing.scaled).toContain(`AnalysisTemplate interval: 1m → ${interval}${factor === 120 ? " (500ms raised to one scrape)" : ""}`);
  });

  it("GIVEN durations that are not durations WHEN compressing THEN it throws", () => {
    expect(() => analysisTiming(20, "six", "1s")).toThrow(/must be durations/);
  });
});

describe("localAnalysisTemplate", () => {
  const timing = analysisTiming(30, "4s", "1s");

  it("GIVEN the synthesized AnalysisTemplate WHEN localized THEN only the address, the query's window, the interval and the initial delay change", () => {
    const template = analysisTemplate("api-server", spec.applications["api-server"]!);
    const local = localAnalysisTemplate(template, "http://127.0.0.1:41234", timing);
    const metric = (local.spec as { metrics: Record<string, any>[] }).metrics[0]!;
    const original = (template.spec as { metrics: Record<string, any>[] }).metrics[0]!;
    expect(metric.provider.prometheus.address).toBe("http://127.0.0.1:41234");
    expect(metric.provider.prometheus.query).toBe(original.provider.prometheus.query.replaceAll("[2m]", "[4s]"));
    expect(metric.provider.prometheus.query).not.toContain("[2m]");
    expect(metric).toMatchObject({ interval: "2s", initialDelay: "4s", failureLimit: original.failureLimit, successCondition: "result[0] >= 0.99" });
    expect({ ...local, spec: undefined }).toEqual({ ...template, spec: undefined });
    // The synthesized object is left as it was.
    expect(original.provider.prometheus.address).toBe(PROMETHEUS_URL);
  });

  it.each<[string, (metric: Record<string, any>) => Record<string, unknown>, RegExp]>([
    ["another address", (metric: Record<string, any>) => ({ ...metric, provider: { prometheus: { ...metric.provider.prometheus, address: "http://elsewhere:9090" } } }), /no longer queries/],
    ["no [2m] window", (metric: Record<string, any>) => ({ ...metric, provider: { prometheus: { ...metric.provider.prometheus, query: "up" } } }), /no longer queries/],
    ["no Prometheus metric", (metric: Record<string, any>) => ({ ...metric, provider: { web: { url: "http://x" } } }), /no Prometheus metric/],
  ])("GIVEN a template with %s WHEN localized THEN it throws rather than guess", (_, change, error) => {
    const template = analysisTemplate("api-server", spec.applications["api-server"]!);
    const spec2 = template.spec as { metrics: Record<string, any>[] };
    expect(() => localAnalysisTemplate({ ...template, spec: { ...spec2, metrics: spec2.metrics.map(change) } }, "http://127.0.0.1:1", timing)).toThrow(error);
  });
});
