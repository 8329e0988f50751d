import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { compressTime } from "../../src/simulate/time-compression.js";

const reference = parseSpec({}, "reference");

describe("compressTime", () => {
  it("GIVEN the reference at ×20 WHEN compressed THEN the HPA behaviour, Karpenter's durations and the canary pauses are divided by 20, whole seconds where the API wants them", () => {
    const { spec } = compressTime(reference, 20);
    const autoscaling = spec.applications["api-server"]!.autoscaling;
    expect(autoscaling.scaleUp).toEqual({ percent: 100, periodSeconds: 1, stabilizationWindowSeconds: 0 });
    expect(autoscaling.scaleDown).toEqual({ percent: 10, periodSeconds: 3, stabilizationWindowSeconds: 15 });
    expect(spec.karpenter.consolidateAfter).toBe("3s");
    expect(spec.karpenter.expireAfter).toBe("8h24m");
    expect(spec.applications["api-server"]!.canary.steps.map((step) => step.pause)).toEqual(["15s", "30s", "30s", "30s"]);
    // Nothing else changes.
    expect({ ...spec, applications: {}, karpenter: {} }).toEqual({ ...reference, applications: {}, karpenter: {} });
  });

  it("GIVEN Karpenter durations of Never WHEN compressed THEN they stay Never (no period to divide), and are not listed as scaled", () => {
    const { spec, scaled } = compressTime(parseSpec({ karpenter: { consolidateAfter: "Never", expireAfter: "Never" } }, "never"), 20);
    expect([spec.karpenter.consolidateAfter, spec.karpenter.expireAfter]).toEqual(["Never", "Never"]);
    expect(scaled.filter((line) => line.startsWith("karpenter."))).toEqual([]);
  });

  it("GIVEN ×20 WHEN compressed THEN the controller-manager's HPA timings are divided and metrics-server stops at its 10s floor", () => {
    const { componentArgs, customMetrics } = compressTime(reference, 20);
    expect(componentArgs["kube-controller-manager"]).toEqual([
      "--horizontal-pod-autoscaler-sync-period=750ms",
      "--horizontal-pod-autoscaler-downscale-stabilization=15s",
      "--horizontal-pod-autoscaler-cpu-initialization-period=15s",
      "--horizontal-pod-autoscaler-initial-readiness-delay=1s500ms",
    ]);
    // metrics-server refuses a resolution under 10/9 of its kubelet timeout (10s), so the timeout goes down too.
    expect(componentArgs["metrics-server"]).toEqual(["--kubelet-request-timeout=5s", "--metric-resolution=10s"]);
    expect(customMetrics).toEqual({ scrapeInterval: "1s500ms", rateWindow: "6s", relistInterval: "3s" });
  });

  it("GIVEN ×20 WHEN compressed THEN every scaled value is reported with its before and after, floors and roundings said", () => {
    const { scaled } = compressTime(reference, 20);
    expect(scaled).toContain("applications.api-server.autoscaling.scaleUp.periodSeconds (HPA behavior): 15s → 1s (750ms raised to whole seconds, at least 1s)");
    expect(scaled).toContain("applications.api-server.autoscaling.scaleDown.stabilizationWindowSeconds (HPA behavior): 5m → 15s");
    expect(scaled).toContain("karpenter.consolidateAfter (NodePool disruption): 1m → 3s");
    expect(scaled).toContain("kube-controller-manager --horizontal-pod-autoscaler-sync-period: 15s → 750ms");
    expect(scaled).toContain("metrics-server --metric-resolution: 15s → 10s (750ms raised to its floor, at least 10s)");
    expect(scaled).toContain("prometheus-adapter rule rate window ([2m] in REQUESTS_PER_SECOND_RULE): 2m → 6s");
    expect(scaled).toContain("metrics-server --kubelet-request-timeout: 10s → 5s (not a period: metrics-server refuses a resolution less than 10/9 of it)");
    expect(scaled).toHaveLength(19);
  });

  it("GIVEN ×1 WHEN compressed THEN nothing changes but the metrics-server resolution keeps upstream's 15s", () => {
    const { spec, componentArgs, customMetrics } = compressTime(reference, 1);
    expect(spec).toEqual(reference);
    // The upstream timeout too: the local cluster's own flags (a 5s timeout) come first and the last one wins.
    expect(componentArgs["metrics-server"]).toEqual(["--kubelet-request-timeout=10s", "--metric-resolution=15s"]);
    expect(customMetrics).toEqual({ scrapeInterval: "30s", rateWindow: "2m", relistInterval: "1m" });
  });

  it("GIVEN ×1000 WHEN compressed THEN the floors hold: rate windows span four scrapes, HPA periods stay at 1s", () => {
    const { spec, customMetrics } = compressTime(reference, 1000);
    expect(spec.applications["api-server"]!.autoscaling.scaleDown.periodSeconds).toBe(1);
    expect(spec.karpenter.consolidateAfter).toBe("1s");
    expect(customMetrics).toEqual({ scrapeInterval: "1s", rateWindow: "4s", relistInterval: "1s" });
  });

  it.each([0, 0.5, Number.NaN, Number.POSITIVE_INFINITY])("GIVEN factor %s WHEN compressed THEN it is refused", (factor) => {
    expect(() => compressTime(reference, factor)).toThrow(RangeError);
  });
});
