import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../../src/platform-spec/load.js";
import { capacityPools, nodePools } from "../../../../src/gitops/platform/karpenter/node-pools.js";
import { CAPACITY_SPREAD_LABEL } from "../../../../src/gitops/conventions.js";
import type { KubeObject } from "../../../../src/manifest/kube-object.js";

type Requirement = { key: string; operator: string; values: string[] };
function requirement(pool: KubeObject | undefined, key: string): Requirement | undefined {
  const spec = pool?.spec as { template: { spec: { requirements: Requirement[] } } };
  return spec.template.spec.requirements.find((entry) => entry.key === key);
}

describe("Karpenter NodePools", () => {
  it("GIVEN the reference 4:1 split THEN the spot pool offers spread values 1..4 and the on-demand pool 5", () => {
    const [spot, onDemand] = nodePools(parseSpec({}, "test"));
    expect(spot?.metadata.name).toBe("spot");
    expect(requirement(spot, CAPACITY_SPREAD_LABEL)?.values).toEqual(["1", "2", "3", "4"]);
    expect(requirement(spot, "karpenter.sh/capacity-type")?.values).toEqual(["spot"]);
    expect(onDemand?.metadata.name).toBe("on-demand");
    expect(requirement(onDemand, CAPACITY_SPREAD_LABEL)?.values).toEqual(["5"]);
    expect(requirement(onDemand, "karpenter.sh/capacity-type")?.values).toEqual(["on-demand"]);
  });

  it("GIVEN a 2:3 split THEN the values are 1..2 and 3..5 and the limits are shared 2/5 and 3/5", () => {
    const spec = parseSpec({ karpenter: { capacitySplit: { spot: 2, onDemand: 3 }, limits: { cpu: "100", memory: "400Gi" } } }, "test");
    const [spot, onDemand] = nodePools(spec);
    expect(requirement(spot, CAPACITY_SPREAD_LABEL)?.values).toEqual(["1", "2"]);
    expect(requirement(onDemand, CAPACITY_SPREAD_LABEL)?.values).toEqual(["3", "4", "5"]);
    expect((spot?.spec as { limits: unknown }).limits).toEqual({ cpu: "40", memory: "160Gi" });
    expect((onDemand?.spec as { limits: unknown }).limits).toEqual({ cpu: "60", memory: "240Gi" });
  });

  it("GIVEN spot only THEN there is a single spot pool with all the capacity", () => {
    const pools = nodePools(parseSpec({ karpenter: { capacitySplit: { spot: 3, onDemand: 0 } } }, "test"));
    expect(pools.map((pool) => pool.metadata.name)).toEqual(["spot"]);
    expect((pools[0]?.spec as { limits: unknown }).limits).toEqual({ cpu: "1000", memory: "2000Gi" });
  });

  it("GIVEN the reference spec THEN requirements, disruption and expiry come from the spec", () => {
    const [spot] = nodePools(parseSpec({}, "test"));
    expect(requirement(spot, "kubernetes.io/arch")?.values).toEqual(["amd64"]);
    expect(requirement(spot, "karpenter.k8s.aws/instance-family")?.values).toEqual(["c6i", "m6i"]);
    expect(requirement(spot, "karpenter.k8s.aws/instance-size")?.values).toEqual(["large", "xlarge", "2xlarge"]);
    expect(spot?.spec).toMatchObject({
      disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "60s" },
      limits: { cpu: "800", memory: "1600Gi" },
      template: { spec: { expireAfter: "168h", nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" } } },
    });
    expect(spot?.apiVersion).toBe("karpenter.sh/v1");
  });

  it("GIVEN a customised spec THEN arm64, other families and timings are used", () => {
    const spec = parseSpec(
      { karpenter: { architectures: ["arm64"], instanceFamilies: ["m7g"], instanceSizes: ["xlarge"], consolidateAfter: "5m", expireAfter: "720h" } },
      "test",
    );
    const [spot] = nodePools(spec);
    expect(requirement(spot, "kubernetes.io/arch")?.values).toEqual(["arm64"]);
    expect(requirement(spot, "karpenter.k8s.aws/instance-family")?.values).toEqual(["m7g"]);
    expect(spot?.spec).toMatchObject({ disruption: { consolidateAfter: "5m" }, template: { spec: { expireAfter: "720h" } } });
  });

  it("GIVEN any split THEN spot is preferred by weight but the values of the two pools never overlap", () => {
    const pools = capacityPools(parseSpec({ karpenter: { capacitySplit: { spot: 7, onDemand: 6 } } }, "test"));
    const [spot, onDemand] = pools;
    expect(spot!.weight).toBeGreaterThan(onDemand!.weight);
    expect(spot!.spreadValues.filter((value) => onDemand!.spreadValues.includes(value))).toEqual([]);
    expect([...spot!.spreadValues, ...onDemand!.spreadValues]).toHaveLength(13);
  });
});
