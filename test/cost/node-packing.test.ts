import { describe, expect, it } from "vitest";
import { emptyNode, packPods } from "../../src/cost/node-packing.js";
import type { NodeShape } from "../../src/cost/node-shapes.js";

const shape: NodeShape = { instanceType: "t", capacityType: "on-demand", vcpu: 2, memoryGiB: 4, allocatable: { cpuMillicores: 1000, memoryMiB: 1000 }, maxPods: 5, hourlyUsd: 1 };
const none = { requests: { cpuMillicores: 0, memoryMiB: 0 }, pods: 0 };
const pods = (...cpu: number[]) => cpu.map((cpuMillicores) => ({ cpuMillicores, memoryMiB: 10 }));

describe("packPods", () => {
  it.each([
    // pods' CPU, nodes, why
    [[600, 400, 600, 400], 2, "largest first pairs 600 with 400"],
    [[400, 600, 400, 600], 2, "the order listed does not matter"],
    [[100, 100, 100, 100, 100, 100], 2, "5 pods per node at most"],
    [[], 0, "no pod, no node"],
  ] as [number[], number, string][])("GIVEN pods of %j millicores WHEN packed on 1000m nodes THEN %s nodes (%s)", (cpu, nodes) => {
    expect(packPods(shape, none, pods(...cpu))?.length).toBe(nodes);
  });

  it("GIVEN DaemonSets of 300m per node WHEN packed THEN each node has 700m left for pods", () => {
    expect(packPods(shape, { requests: { cpuMillicores: 300, memoryMiB: 0 }, pods: 1 }, pods(400, 400))?.length).toBe(2);
    expect(emptyNode(shape, { requests: { cpuMillicores: 300, memoryMiB: 0 }, pods: 1 })).toEqual({ cpuMillicores: 700, memoryMiB: 1000, pods: 4 });
  });

  it("GIVEN a pod larger than an empty node WHEN packed THEN there is no packing", () => {
    expect(packPods(shape, none, pods(1001))).toBeUndefined();
    expect(emptyNode(shape, { requests: { cpuMillicores: 2000, memoryMiB: 0 }, pods: 1 })).toBeUndefined();
  });
});
