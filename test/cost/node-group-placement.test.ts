import { describe, expect, it } from "vitest";
import { applicationBarrier, placeOnNodeGroups } from "../../src/cost/node-group-placement.js";
import type { PodGroup } from "../../src/cost/pod-requests.js";
import { platformSpecSchema } from "../../src/platform-spec/schema.js";

const groups = platformSpecSchema.parse({
  nodeGroups: {
    system: { instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, labels: { role: "system" }, taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }] },
    general: { instanceTypes: ["c6i.xlarge", "c6i.2xlarge"], minSize: 1, maxSize: 3, desiredSize: 2 },
  },
}).nodeGroups;
const pod = (owner: string, replicas: number, cpuMillicores: number, extra: Partial<PodGroup> = {}): PodGroup => ({ owner, replicas, daemonSet: false, requests: { cpuMillicores, memoryMiB: 100 }, nodeSelector: {}, tolerations: [], ...extra });

describe("placeOnNodeGroups", () => {
  it("GIVEN desiredSize and two instance types WHEN placed THEN the group runs desiredSize nodes of its first type", () => {
    const placement = placeOnNodeGroups("eu-west-1", groups, []);
    expect(placement.groups.map((group) => [group.name, group.nodes, group.shape.instanceType, group.idleShare])).toEqual([
      ["general", 2, "c6i.xlarge", 1],
      ["system", 2, "m6i.large", 1],
    ]);
  });

  it("GIVEN a DaemonSet tolerating everything and one pinned to role=system WHEN placed THEN each node pays for the DaemonSets that fit it", () => {
    const placement = placeOnNodeGroups("eu-west-1", groups, [
      pod("everywhere", 0, 100, { daemonSet: true, tolerations: [{ operator: "Exists" }] }),
      pod("system only", 0, 200, { daemonSet: true, nodeSelector: { role: "system" }, tolerations: [{ operator: "Exists" }] }),
    ]);
    const [general, system] = placement.groups;
    expect(general!.requested.cpuMillicores).toBe(200);
    expect(system!.requested.cpuMillicores).toBe(600);
    expect(system!.owners).toEqual(["everywhere", "system only"]);
  });

  it("GIVEN pods that tolerate the system taint WHEN placed THEN they go where most CPU is free, and what fits nowhere overflows", () => {
    const critical = [{ key: "CriticalAddonsOnly", operator: "Exists" }];
    const placement = placeOnNodeGroups("eu-west-1", groups, [pod("controller", 2, 1000, { tolerations: critical }), pod("huge", 1, 8000)]);
    // c6i.xlarge nodes have 3920m allocatable, m6i.large 1930m: the controller's pods go to general.
    expect(placement.groups[0]!.owners).toEqual(["controller"]);
    expect(placement.groups[1]!.owners).toEqual([]);
    expect(placement.overflow.map((entry) => entry.owner)).toEqual(["huge"]);
  });

  it("GIVEN an application pod WHEN asked why it cannot use a group THEN the taint or the missing spread label is named", () => {
    const placement = placeOnNodeGroups("eu-west-1", groups, []);
    const application = pod("application web", 1, 250, { requiredLabelKeys: ["slipway.io/capacity-spread"] });
    expect(applicationBarrier(placement.groups[1]!, application)).toBe("no application tolerates its taint CriticalAddonsOnly=true:NoSchedule");
    expect(applicationBarrier(placement.groups[0]!, application)).toContain("applications spread over slipway.io/capacity-spread");
    expect(applicationBarrier(placement.groups[0]!, { ...application, requiredLabelKeys: [] })).toBeUndefined();
  });
});
