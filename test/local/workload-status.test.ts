import { describe, expect, it } from "vitest";
import { nodeGroupOf, summarizeWorkloads, type ClusterSnapshot } from "../../src/local/workload-status.js";

const node = (name: string, labels: Record<string, string>) => ({ metadata: { name, labels } });
const running = (name: string, nodeName: string) => ({ metadata: { name, namespace: "production" }, spec: { nodeName }, status: { phase: "Running" } });

describe("summarizeWorkloads", () => {
  const snapshot: ClusterSnapshot = {
    nodes: [
      node("system-0", { "slipway.io/local-node-group": "system", "karpenter.sh/capacity-type": "on-demand" }),
      node("kwok-spot-a", { "karpenter.sh/nodepool": "spot", "karpenter.sh/capacity-type": "spot" }),
      node("kwok-spot-b", { "karpenter.sh/nodepool": "spot", "karpenter.sh/capacity-type": "spot" }),
      node("kwok-od-a", { "karpenter.sh/nodepool": "on-demand", "karpenter.sh/capacity-type": "on-demand" }),
      node("stray", {}),
    ],
    pods: [running("a", "kwok-spot-a"), running("b", "kwok-spot-b"), running("c", "kwok-od-a"), running("d", "system-0"), running("e", "stray")],
    workloads: [],
    warnings: [],
  };
  const summary = summarizeWorkloads(snapshot);

  it("GIVEN managed and Karpenter nodes WHEN summarized THEN Karpenter's are counted per NodePool and capacity type, managed ones are not", () => {
    expect(summary.nodesByNodePool).toEqual({ "on-demand on-demand": 1, "spot spot": 2 });
  });

  it("GIVEN pods on both kinds of nodes WHEN summarized THEN pods are grouped by managed node group or karpenter/<NodePool>", () => {
    expect(summary.runningByNodeGroup).toEqual({ "(unlabelled)": 1, "karpenter/on-demand": 1, "karpenter/spot": 2, system: 1 });
  });

  it.each([
    [{ "slipway.io/local-node-group": "application", "karpenter.sh/nodepool": "spot" }, "application"],
    [{ "karpenter.sh/nodepool": "spot" }, "karpenter/spot"],
    [{}, "(unlabelled)"],
  ])("GIVEN node labels %j WHEN grouped THEN the group is %s", (labels, group) => {
    expect(nodeGroupOf(node("n", labels))).toBe(group);
  });
});
