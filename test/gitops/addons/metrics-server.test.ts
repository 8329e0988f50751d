import { describe, expect, it } from "vitest";
import { metricsServerGenerator } from "../../../src/gitops/addons/metrics-server.js";
import { generate } from "./support.js";

describe("Metrics Server values", () => {
  it("GIVEN the reference spec THEN two replicas with a disruption budget run on the system nodes", () => {
    expect(generate(metricsServerGenerator).values).toEqual({
      replicas: 2,
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      nodeSelector: { role: "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
    });
  });
});
