import { describe, expect, it } from "vitest";
import { CAPACITY_SPREAD_LABEL } from "../../src/gitops/conventions.js";
import { fakeNodes, LOCAL_NODE_GROUP_LABEL } from "../../src/local/fake-nodes.js";
import { parseSpec } from "../../src/platform-spec/load.js";

type Node = ReturnType<typeof fakeNodes>[number] & { spec: { taints?: unknown[] }; status: { capacity: Record<string, string>; allocatable: Record<string, string> } };

describe("fakeNodes", () => {
  const spec = parseSpec({}, "reference");
  const nodes = fakeNodes(spec, "v1.35.4") as Node[];
  const byName = new Map(nodes.map((node) => [node.metadata.name, node]));

  it("GIVEN the reference spec WHEN deriving nodes THEN each managed group is at its desired size and none stands for Karpenter's capacity (Karpenter launches that itself)", () => {
    expect(nodes.map((node) => node.metadata.name)).toEqual(["system-0", "system-1", "application-0", "application-1"]);
    expect(nodes.filter((node) => node.metadata.labels?.[CAPACITY_SPREAD_LABEL] !== undefined)).toEqual([]);
  });

  it("GIVEN a region whose zones are not lettered a, b, c WHEN deriving nodes THEN the nodes use the zones the CDK app names", () => {
    const tokyo = parseSpec({ aws: { account: "123456789012", region: "ap-northeast-1" } }, "tokyo");
    expect(fakeNodes(tokyo, "v1.35.4").map((node) => node.metadata.labels?.["topology.kubernetes.io/zone"])).toEqual(["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1a", "ap-northeast-1c"]);
  });

  it.each([
    // name, instance type, cpu capacity, cpu allocatable, memory allocatable, pods
    ["system-0", "m6i.large", "2", "1930m", "7518Mi", "29"],
    ["application-0", "c6i.xlarge", "4", "3920m", "7199Mi", "58"],
    ["application-1", "c6i.2xlarge", "8", "7910m", "15391Mi", "58"],
  ])("GIVEN node %s WHEN derived THEN it is a %s with the EKS AMI's capacity and allocatable", (name, type, cpu, allocatableCpu, allocatableMemory, pods) => {
    const node = byName.get(name)!;
    expect(node.metadata.labels?.["node.kubernetes.io/instance-type"]).toBe(type);
    expect(node.status.capacity.cpu).toBe(cpu);
    expect(node.status.allocatable.cpu).toBe(allocatableCpu);
    expect(node.status.allocatable.memory).toBe(allocatableMemory);
    expect(node.status.allocatable.pods).toBe(pods);
  });

  it("GIVEN the system group WHEN derived THEN its nodes carry role=system, the CriticalAddonsOnly taint, on-demand capacity and spread zones", () => {
    const system = nodes.filter((node) => node.metadata.labels?.[LOCAL_NODE_GROUP_LABEL] === "system");
    expect(system.map((node) => node.metadata.labels?.role)).toEqual(["system", "system"]);
    expect(system.map((node) => node.spec.taints)).toEqual([
      [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
      [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
    ]);
    expect(system.map((node) => node.metadata.labels?.["topology.kubernetes.io/zone"])).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(system.map((node) => node.metadata.labels?.["karpenter.sh/capacity-type"])).toEqual(["on-demand", "on-demand"]);
  });

  it("GIVEN an instance type without a known capacity WHEN deriving nodes THEN the error names the field and the known types", () => {
    const odd = parseSpec({ nodeGroups: { system: { instanceTypes: ["m5.large"], minSize: 1, maxSize: 1 } } }, "odd");
    expect(() => fakeNodes(odd, "v1.35.4")).toThrow(/instance type "m5.large" has no known capacity for local nodes/);
  });
});
