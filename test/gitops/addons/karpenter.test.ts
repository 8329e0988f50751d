import { describe, expect, it } from "vitest";
import { karpenterGenerator } from "../../../src/gitops/addons/karpenter.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { generate } from "./support.js";

describe("Karpenter values", () => {
  it("GIVEN the reference spec THEN it runs 2 replicas on the system nodes with the interruption queue from the bridge", () => {
    const { values } = generate(karpenterGenerator);
    expect(values).toEqual({
      settings: { clusterName: "production-cluster", interruptionQueue: "production-cluster-karpenter-interruption" },
      serviceAccount: { create: true, name: "karpenter" },
      replicas: 2,
      nodeSelector: { role: "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
      controller: { resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } },
    });
  });

  it("GIVEN Karpenter disabled THEN no Application is written", () => {
    const spec = parseSpec({ karpenter: { enabled: false } }, "test");
    expect(karpenterGenerator({ spec, names: platformNames(spec) })).toEqual([]);
  });
});
