import { describe, expect, it } from "vitest";
import { estimateKarpenterNodes } from "../../src/cost/karpenter-estimate.js";
import type { PodGroup } from "../../src/cost/pod-requests.js";
import { platformSpecSchema, type PlatformSpecInput } from "../../src/platform-spec/schema.js";

const spec = (input: PlatformSpecInput = {}) => platformSpecSchema.parse(input);
const app = (replicas: number, cpuMillicores = 250, memoryMiB = 256): PodGroup => ({
  owner: "application web",
  replicas,
  daemonSet: false,
  requests: { cpuMillicores, memoryMiB },
  nodeSelector: {},
  tolerations: [],
  requiredLabelKeys: ["slipway.io/capacity-spread"],
});
const summary = (nodes: ReturnType<typeof estimateKarpenterNodes>["nodes"]) => nodes.map((entry) => `${entry.domain} ${entry.capacityType} ${entry.count}×${entry.instanceType}`);

describe("estimateKarpenterNodes", () => {
  it.each([
    // split, replicas, nodes per domain
    [{ spot: 4, onDemand: 1 }, 3, ["1 spot 1×c6i.large", "2 spot 1×c6i.large", "3 spot 1×c6i.large"]],
    [{ spot: 4, onDemand: 1 }, 5, ["1 spot 1×c6i.large", "2 spot 1×c6i.large", "3 spot 1×c6i.large", "4 spot 1×c6i.large", "5 on-demand 1×c6i.large"]],
    [{ spot: 1, onDemand: 1 }, 4, ["1 spot 1×c6i.large", "2 on-demand 1×c6i.large"]],
    [{ spot: 0, onDemand: 1 }, 2, ["1 on-demand 1×c6i.large"]],
  ] as const)("GIVEN split %j and %s replicas of 250m WHEN estimated THEN pods are dealt over the domains, spot first: %j", (capacitySplit, replicas, expected) => {
    const estimate = estimateKarpenterNodes(spec({ karpenter: { capacitySplit } }), [app(replicas)], [], []);
    expect(summary(estimate.nodes)).toEqual(expected);
  });

  it("GIVEN 10 pods of 250m in one domain WHEN packed THEN one c6i.xlarge beats two c6i.large at the same price (fewer nodes)", () => {
    const estimate = estimateKarpenterNodes(spec({ karpenter: { capacitySplit: { spot: 1, onDemand: 0 } } }), [app(10)], [], [
      { owner: "ds", replicas: 0, daemonSet: true, requests: { cpuMillicores: 155, memoryMiB: 120 }, nodeSelector: {}, tolerations: [{ operator: "Exists" }] },
    ]);
    expect(summary(estimate.nodes)).toEqual(["1 spot 1×c6i.xlarge"]);
    expect(estimate.hourlyUsd).toBeCloseTo(0.192 * 0.7, 6);
  });

  it("GIVEN memory-heavy pods WHEN packed THEN the memory-rich m6i family is cheaper than c6i", () => {
    const estimate = estimateKarpenterNodes(spec({ karpenter: { capacitySplit: { spot: 1, onDemand: 0 } } }), [app(4, 100, 3000)], [], []);
    // 4 × 3000Mi = 11.7 GiB: m6i.xlarge (16 GiB, 15391Mi allocatable, $0.214) holds them; c6i needs a 2xlarge ($0.384).
    expect(summary(estimate.nodes)).toEqual(["1 spot 1×m6i.xlarge"]);
  });

  it("GIVEN a pod larger than every allowed type WHEN estimated THEN it is a note, not a node", () => {
    const estimate = estimateKarpenterNodes(spec(), [app(1, 64_000)], [], []);
    expect(estimate.nodes).toEqual([]);
    expect(estimate.notes.join("\n")).toContain("fit no allowed instance type");
  });

  it("GIVEN more capacity than karpenter.limits.cpu WHEN estimated THEN a note says Karpenter stops at the limit", () => {
    const estimate = estimateKarpenterNodes(spec({ karpenter: { limits: { cpu: "4", memory: "100Gi" } } }), [app(50)], [], []);
    expect(estimate.notes.join("\n")).toContain("more than karpenter.limits.cpu (4)");
  });

  it("GIVEN an add-on pod no managed group took WHEN estimated THEN it joins a Karpenter node with room instead of a new one", () => {
    const addon: PodGroup = { owner: "add-on x", replicas: 1, daemonSet: false, requests: { cpuMillicores: 100, memoryMiB: 100 }, nodeSelector: {}, tolerations: [] };
    const estimate = estimateKarpenterNodes(spec(), [app(3)], [addon], []);
    expect(estimate.nodeCount).toBe(3);
    const pinned = estimateKarpenterNodes(spec(), [app(3)], [{ ...addon, nodeSelector: { role: "system" } }], []);
    expect(pinned.notes.join("\n")).toContain("add-on x fits neither a managed node group with room nor a Karpenter node");
  });
});

describe("estimateKarpenterNodes with no instance type it can price", () => {
  it("GIVEN instance families Slipway has no figures for WHEN estimated THEN one note names them and no node is priced", () => {
    const estimate = estimateKarpenterNodes(spec({ karpenter: { architectures: ["arm64"], instanceFamilies: ["m8g"] } }), [app(3)], [], []);
    expect(estimate.nodes).toEqual([]);
    expect(estimate.notes).toHaveLength(1);
    expect(estimate.notes[0]).toContain("m8g × large, xlarge, 2xlarge");
    expect(estimate.notes[0]).toContain("3 pods are left unpriced");
  });
});
