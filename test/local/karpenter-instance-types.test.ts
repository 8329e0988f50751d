import { describe, expect, it } from "vitest";
import { karpenterInstanceTypes, localInstanceTypes, renderInstanceTypesFile, type KwokInstanceType } from "../../src/local/karpenter-instance-types.js";
import { hourlyPrice } from "../../src/pricing/ec2-prices.js";
import { parseSpec } from "../../src/platform-spec/load.js";

const requirement = (offering: KwokInstanceType["offerings"][number], key: string) => offering.Requirements.find((entry) => entry.key === key)?.values;

describe("karpenterInstanceTypes", () => {
  const reference = parseSpec({}, "reference");
  const types = karpenterInstanceTypes(reference);

  it("GIVEN the reference spec WHEN listing instance types THEN they are its families × sizes, sorted", () => {
    expect(types.map((type) => type.name)).toEqual(["c6i.2xlarge", "c6i.large", "c6i.xlarge", "m6i.2xlarge", "m6i.large", "m6i.xlarge"]);
  });

  it.each([
    // name, cpu, memory, pods
    ["c6i.large", "2", "4Gi", "29"],
    ["c6i.2xlarge", "8", "16Gi", "58"],
    ["m6i.xlarge", "4", "16Gi", "58"],
  ])("GIVEN %s WHEN listed THEN it has its real vCPU, memory and VPC CNI pod limit", (name, cpu, memory, pods) => {
    const type = types.find((entry) => entry.name === name)!;
    expect(type.resources).toEqual({ cpu, memory, pods, "ephemeral-storage": "100Gi" });
    expect(type.architecture).toBe("amd64");
    expect(type.operatingSystems).toEqual(["linux"]);
  });

  it("GIVEN the reference spec in eu-west-1 WHEN listing offerings THEN each type is offered on-demand and spot in the three zones, priced from the table", () => {
    const type = types.find((entry) => entry.name === "c6i.xlarge")!;
    expect(type.offerings.map((offering) => `${requirement(offering, "karpenter.sh/capacity-type")} ${requirement(offering, "topology.kubernetes.io/zone")} ${offering.Price}`)).toEqual([
      "on-demand eu-west-1a 0.192",
      "on-demand eu-west-1b 0.192",
      "on-demand eu-west-1c 0.192",
      "spot eu-west-1a 0.1344",
      "spot eu-west-1b 0.1344",
      "spot eu-west-1c 0.1344",
    ]);
    expect(type.offerings.every((offering) => offering.Available)).toBe(true);
  });

  it("GIVEN an offering WHEN read THEN it carries the labels EKS nodes have, which the NodePools select on", () => {
    const offering = types.find((entry) => entry.name === "m6i.2xlarge")!.offerings[0]!;
    expect(Object.fromEntries(offering.Requirements.map((entry) => [entry.key, entry.values.join(",")]))).toEqual({
      "karpenter.sh/capacity-type": "on-demand",
      "topology.kubernetes.io/zone": "eu-west-1a",
      "karpenter.k8s.aws/instance-category": "m",
      "karpenter.k8s.aws/instance-cpu": "8",
      "karpenter.k8s.aws/instance-family": "m6i",
      "karpenter.k8s.aws/instance-generation": "6",
      "karpenter.k8s.aws/instance-hypervisor": "nitro",
      "karpenter.k8s.aws/instance-memory": "32768",
      "karpenter.k8s.aws/instance-size": "2xlarge",
    });
    expect(offering.Requirements.every((entry) => entry.operator === "In" && entry.values.length === 1)).toBe(true);
  });

  it("GIVEN another region, zone count, families and sizes WHEN listed THEN the file follows the spec", () => {
    const spec = parseSpec(
      { aws: { account: "123456789012", region: "us-east-1" }, cluster: { availabilityZones: 2 }, karpenter: { instanceFamilies: ["r6i"], instanceSizes: ["4xlarge"], rootVolume: { sizeGiB: 40 } } },
      "custom",
    );
    const [type, ...rest] = karpenterInstanceTypes(spec);
    expect(rest).toEqual([]);
    expect(type!.name).toBe("r6i.4xlarge");
    expect(type!.resources).toEqual({ cpu: "16", memory: "128Gi", pods: "234", "ephemeral-storage": "40Gi" });
    expect(type!.offerings.map((offering) => `${requirement(offering, "karpenter.sh/capacity-type")} ${requirement(offering, "topology.kubernetes.io/zone")} ${offering.Price}`)).toEqual([
      "on-demand us-east-1a 1.008",
      "on-demand us-east-1b 1.008",
      "spot us-east-1a 0.7056",
      "spot us-east-1b 0.7056",
    ]);
  });

  it("GIVEN a family and a size listed twice WHEN listed THEN each instance type appears once", () => {
    const spec = parseSpec({ karpenter: { instanceFamilies: ["c6i", "c6i"], instanceSizes: ["large", "xlarge", "large"] } }, "twice");
    expect(karpenterInstanceTypes(spec).map((type) => type.name)).toEqual(["c6i.large", "c6i.xlarge"]);
  });

  it("GIVEN only arm64 allowed WHEN listed THEN no x86 type is offered (the NodePools could not pick one)", () => {
    expect(karpenterInstanceTypes(parseSpec({ karpenter: { architectures: ["arm64"], instanceFamilies: ["c6i", "m7g"] } }, "arm"))).toEqual([]);
  });

  it("GIVEN a family × size with no known capacity WHEN listed THEN it is left out with a note naming it and where to add it; the known ones stay", () => {
    const { types: offered, notes } = localInstanceTypes(parseSpec({ karpenter: { instanceFamilies: ["c6i", "m5"] } }, "odd"));
    expect(offered.map((type) => type.name)).toEqual(["c6i.2xlarge", "c6i.large", "c6i.xlarge"]);
    expect(notes).toEqual([
      "the local Karpenter leaves out m5.2xlarge, m5.large, m5.xlarge: their capacity (src/local/instance-types.ts) or eu-west-1 price (src/pricing/ec2-prices.ts) is not known; add them there with their source",
    ]);
  });

  it("GIVEN a region with no prices WHEN listed THEN us-east-1's prices are used and a note says so; up does not fail for a region EKS runs in", () => {
    const { types: offered, notes } = localInstanceTypes(parseSpec({ aws: { account: "123456789012", region: "sa-east-1" } }, "brazil"));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered[0]!.offerings[0]!.Price).toBe(hourlyPrice("us-east-1", offered[0]!.name, "on-demand", "test"));
    expect(notes[0]).toBe("src/pricing/ec2-prices.ts has no prices for sa-east-1: the local Karpenter weighs offerings with us-east-1's (add sa-east-1's with their source for real figures)");
  });

  it("GIVEN only unknown types WHEN listed THEN nothing is offered and the note says pods will stay Pending", () => {
    expect(localInstanceTypes(parseSpec({ karpenter: { instanceFamilies: ["m5"] } }, "none")).notes).toContain("the local Karpenter has no instance type to launch: pods that need its capacity stay Pending");
  });

  it("GIVEN the same spec twice WHEN rendered THEN the file is byte-identical JSON of kwok's shape", () => {
    const text = renderInstanceTypesFile(reference);
    expect(renderInstanceTypesFile(parseSpec({}, "again"))).toBe(text);
    const parsed = JSON.parse(text) as KwokInstanceType[];
    expect(parsed).toEqual(types);
    expect(Object.keys(parsed[0]!.offerings[0]!)).toEqual(["Price", "Available", "Requirements"]);
  });
});
