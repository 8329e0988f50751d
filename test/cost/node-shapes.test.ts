import { describe, expect, it } from "vitest";
import { nodeShape } from "../../src/cost/node-shapes.js";

describe("nodeShape", () => {
  it.each([
    // type, capacity type, allocatable millicores, allocatable MiB, $/h in eu-west-1
    ["m6i.large", "on-demand", 1930, 8192 - (255 + 11 * 29) - 100, 0.107],
    ["c6i.xlarge", "spot", 3920, 8192 - (255 + 11 * 58) - 100, 0.1344],
  ] as const)("GIVEN %s %s WHEN shaped THEN it offers %sm CPU and %s MiB after the EKS AMI's reservations, at $%s/h", (type, capacityType, cpu, memory, price) => {
    const shape = nodeShape("eu-west-1", type, capacityType, "nodeGroups.x.instanceTypes");
    expect(shape.allocatable).toEqual({ cpuMillicores: cpu, memoryMiB: memory });
    expect(shape.hourlyUsd).toBe(price);
  });

  it("GIVEN an instance type without known capacity WHEN shaped THEN PRICE_UNKNOWN names the spec field", () => {
    expect(() => nodeShape("eu-west-1", "x9.huge", "on-demand", "nodeGroups.gpu.instanceTypes")).toThrow(expect.objectContaining({ code: "PRICE_UNKNOWN", where: "nodeGroups.gpu.instanceTypes" }));
  });
});
