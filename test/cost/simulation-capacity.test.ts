import { describe, expect, it } from "vitest";
import { simulatedCapacity } from "../../src/cost/simulation-capacity.js";
import type { SimulationResult, SimulationSample } from "../../src/simulate/simulation-result.js";

const sample = (t: number, spotLarge: number): SimulationSample => ({
  t,
  requestsPerSecond: {},
  replicas: {},
  desiredReplicas: {},
  pendingPods: 0,
  nodes: [
    { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.large", count: spotLarge },
    { pool: "system", managedBy: "node-group", capacityType: "on-demand", instanceType: "m6i.large", count: 2 },
  ],
  dollarsPerHour: 0,
});
const simulation = (samples: SimulationSample[]): SimulationResult => ({
  schemaVersion: 1,
  platform: { name: "p", region: "eu-west-1" },
  load: { pattern: "steady" },
  speed: { factor: 1, scaled: [] },
  durationSeconds: 0,
  wallSeconds: 0,
  prices: { source: "", spotRatio: 0.7 },
  samples,
});
const LARGE_SPOT = 0.0672;

describe("simulatedCapacity", () => {
  it.each([
    // samples (t, nodes), mean nodes, why
    [[[0, 1], [100, 3], [400, 9]], (1 * 100 + 3 * 300) / 400, "each sample holds until the next; the last closes the run"],
    [[[400, 9], [0, 1], [100, 3]], (1 * 100 + 3 * 300) / 400, "samples out of order are sorted by time"],
    [[[50, 4]], 4, "one sample is the whole run"],
    [[], 0, "no sample, no capacity"],
  ] as [number[][], number, string][])("GIVEN samples %j WHEN averaged THEN Karpenter has %s nodes on average (%s), node-group nodes ignored", (points, meanNodes) => {
    const capacity = simulatedCapacity(simulation(points.map(([t, count]) => sample(t!, count!))), "eu-west-1", "sim.json");
    expect(capacity.meanNodes).toBeCloseTo(meanNodes, 9);
    expect(capacity.meanHourlyUsd).toBeCloseTo(meanNodes * LARGE_SPOT, 9);
  });

  it("GIVEN samples of 1, 3 and 9 nodes WHEN read THEN min and max come from the samples and the duration from first to last", () => {
    const capacity = simulatedCapacity(simulation([sample(0, 1), sample(100, 3), sample(400, 9)]), "eu-west-1", "sim.json");
    expect(capacity.minHourlyUsd).toBeCloseTo(LARGE_SPOT, 9);
    expect(capacity.maxHourlyUsd).toBeCloseTo(9 * LARGE_SPOT, 9);
    expect(capacity.maxNodes).toBe(9);
    expect(capacity.seconds).toBe(400);
    expect(capacity.meanNodesByType).toEqual([{ instanceType: "c6i.large", capacityType: "spot", meanNodes: 2.5 }]);
  });
});
