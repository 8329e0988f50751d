import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { sampleCluster, type ObservedCluster } from "../../src/simulate/cluster-sample.js";
import { simulationSample } from "../../src/simulate/simulation-result.js";

const groupNode = (name: string, group: string, type: string) => ({
  metadata: { name, labels: { "slipway.io/local-node-group": group, "karpenter.sh/capacity-type": "on-demand", "node.kubernetes.io/instance-type": type } },
});
const karpenterNode = (name: string, pool: string, capacityType: string, type: string) => ({
  metadata: { name, labels: { "karpenter.sh/nodepool": pool, "karpenter.sh/capacity-type": capacityType, "node.kubernetes.io/instance-type": type } },
});
const pod = (name: string, namespace: string, phase: string, nodeName?: string, deleting = false) => ({
  metadata: { name, namespace, ...(deleting ? { deletionTimestamp: "2026-11-30T00:00:00Z" } : {}) },
  spec: nodeName === undefined ? {} : { nodeName },
  status: { phase },
});

const observed: ObservedCluster = {
  nodes: [
    groupNode("system-0", "system", "m6i.large"),
    groupNode("application-0", "application", "c6i.xlarge"),
    karpenterNode("spot-a", "spot", "spot", "c6i.xlarge"),
    karpenterNode("spot-b", "spot", "spot", "c6i.xlarge"),
    karpenterNode("spot-c", "spot", "spot", "m6i.large"),
    karpenterNode("od-a", "on-demand", "on-demand", "c6i.2xlarge"),
    { metadata: { name: "someone-elses", labels: {} } },
  ],
  pods: [
    pod("api-1", "production", "Running", "spot-a"),
    pod("api-2", "production", "Pending"),
    pod("api-3", "production", "Pending"),
    pod("api-4", "production", "Pending", undefined, true),
    pod("bound", "production", "Pending", "spot-b"),
    pod("prometheus-0", "monitoring", "Pending"),
  ],
  rollouts: [
    { metadata: { name: "api-server", namespace: "production" }, status: { readyReplicas: 7 } },
    { metadata: { name: "api-server", namespace: "staging" }, status: { readyReplicas: 99 } },
  ],
  autoscalers: [{ metadata: { name: "api-server", namespace: "production" }, spec: { scaleTargetRef: { name: "api-server" } }, status: { desiredReplicas: 12 } }],
};

describe("sampleCluster", () => {
  const sample = sampleCluster(120, { "api-server": 9000, worker: 0 }, observed, { region: "eu-west-1", applications: { "api-server": "production", worker: "production" } });

  it("GIVEN a Rollout and its HPA WHEN sampled THEN replicas are the Rollout's ready ones in the application's namespace and desired the HPA's; without them 0 and what runs", () => {
    expect(sample.replicas).toEqual({ "api-server": 7, worker: 0 });
    expect(sample.desiredReplicas).toEqual({ "api-server": 12, worker: 0 });
  });

  it("GIVEN an HPA that has not computed yet (desiredReplicas 0) WHEN sampled THEN it wants what runs", () => {
    const fresh = { ...observed, autoscalers: [{ ...observed.autoscalers[0]!, status: { desiredReplicas: 0 } }] };
    expect(sampleCluster(0, {}, fresh, { region: "eu-west-1", applications: { "api-server": "production" } }).desiredReplicas).toEqual({ "api-server": 7 });
  });

  it("GIVEN pods of several kinds WHEN sampled THEN only unscheduled, undeleted pods of the applications' namespaces are pending", () => {
    expect(sample.pendingPods).toBe(2);
  });

  it("GIVEN managed and Karpenter nodes WHEN sampled THEN they are counted per pool, capacity type and instance type, sorted; unlabelled nodes are left out", () => {
    expect(sample.nodes).toEqual([
      { pool: "on-demand", managedBy: "karpenter", capacityType: "on-demand", instanceType: "c6i.2xlarge", count: 1 },
      { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.xlarge", count: 2 },
      { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "m6i.large", count: 1 },
      { pool: "application", managedBy: "node-group", capacityType: "on-demand", instanceType: "c6i.xlarge", count: 1 },
      { pool: "system", managedBy: "node-group", capacityType: "on-demand", instanceType: "m6i.large", count: 1 },
    ]);
  });

  it("GIVEN eu-west-1 prices WHEN sampled THEN $/h sums every node at its capacity type's price (spot 70% of on-demand)", () => {
    // m6i.large 0.107 + c6i.xlarge 0.192 + 2 × c6i.xlarge spot 0.1344 + m6i.large spot 0.0749 + c6i.2xlarge 0.384
    expect(sample.dollarsPerHour).toBeCloseTo(0.107 + 0.192 + 2 * 0.1344 + 0.0749 + 0.384, 6);
    expect(simulationSample.safeParse(sample).success).toBe(true);
    expect(sample).toMatchObject({ t: 120, requestsPerSecond: { "api-server": 9000, worker: 0 } });
  });

  it("GIVEN a node of a type without a price WHEN sampled THEN it fails with PRICE_UNKNOWN naming the node", () => {
    const unpriced = { ...observed, nodes: [karpenterNode("odd", "spot", "spot", "x9z.huge")] };
    expect(() => sampleCluster(0, {}, unpriced, { region: "eu-west-1", applications: {} })).toThrow(SlipwayError);
    expect(() => sampleCluster(0, {}, unpriced, { region: "eu-west-1", applications: {} })).toThrow(/x9z\.huge/);
  });
});
