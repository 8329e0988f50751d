import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { podUsage, usageModel } from "../../src/simulate/usage-model.js";

const application = (overrides: Record<string, unknown> = {}) => parseSpec({ applications: { web: { namespace: "production", ...overrides } } }, "test").applications.web!;

describe("usageModel", () => {
  it("GIVEN the reference application (250m, 70% CPU, 1000 rps per pod) WHEN modelled THEN idle is 25m and a request costs 0.15m", () => {
    expect(usageModel(application())).toEqual({ idleMillicores: 25, millicoresPerRequest: 0.15, memoryBytes: 128 * 1024 * 1024 });
  });

  it("GIVEN the spec's target rate per pod WHEN the usage is computed THEN each pod sits exactly at the CPU target: the two metrics agree", () => {
    const model = usageModel(application());
    expect(podUsage(model, 3000, 3)).toEqual({ cpu: "175m", memory: String(128 * 1024 * 1024), requestsPerSecondPerPod: 1000 });
  });

  it.each([
    // requests, cpuUtilization, requestsPerSecond, rps, pods, cpu
    ["1", 50, 100, 1000, 5, "900m"],
    ["500m", null, null, 0, 4, "50m"],
    ["500m", null, null, 2000, 2, "350m"],
    ["100m", 80, 10, 1e6, 1, "7000010m"],
  ])("GIVEN a %s request, %s%% CPU and %s rps per pod WHEN %i rps fall on %i pods THEN each uses %s", (cpu, cpuUtilization, requestsPerSecond, rps, pods, expected) => {
    const model = usageModel(application({ resources: { requests: { cpu, memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } }, autoscaling: { cpuUtilization, requestsPerSecond, ...(cpuUtilization === null && requestsPerSecond === null ? { memoryUtilization: 80 } : {}) } }));
    expect(podUsage(model, rps, pods).cpu).toBe(expected);
  });

  it("GIVEN no ready pod WHEN the usage is computed THEN nobody serves: idle usage and no rate", () => {
    expect(podUsage(usageModel(application()), 5000, 0)).toMatchObject({ cpu: "25m", requestsPerSecondPerPod: 0 });
  });
});
