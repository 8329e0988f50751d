/**
 * Instance types, families and sizes the spec names must exist in EC2 (the table generated
 * from the pinned Karpenter's Go module); each error names the field and close matches.
 */
import { describe, expect, it } from "vitest";
import { instanceTypeExists } from "../../src/platform-spec/ec2-instance-types.js";
import { EC2_INSTANCE_TYPE_NAMES } from "../../src/generated/ec2-instance-types.js";
import { INSTANCE_TYPES } from "../../src/local/instance-types.js";
import { EC2_ON_DEMAND_PRICES } from "../../src/pricing/ec2-prices.js";
import { specProblems } from "../support/spec-problems.js";

const KNOWN = "src/generated/ec2-instance-types.ts, from github.com/aws/karpenter-provider-aws v1.14.1";

const nodeGroup = (instanceTypes: string[]) => ({ nodeGroups: { workers: { instanceTypes, minSize: 1, maxSize: 2 } } });

describe("GIVEN node group instance types", () => {
  it.each([
    { instanceTypes: ["m7x.large"], expected: [`nodeGroups.workers.instanceTypes[0]: "m7x.large" is not an EC2 instance type (${KNOWN}); did you mean m7a.large, m7g.large, m7i.large?`] },
    {
      instanceTypes: ["m6i.large", "c5.huge"],
      expected: [`nodeGroups.workers.instanceTypes[1]: "c5.huge" is not an EC2 instance type (${KNOWN}): c5 comes in large, xlarge, 2xlarge, 4xlarge, 9xlarge, 12xlarge, 18xlarge, 24xlarge, metal; did you mean c5.large, c5.xlarge?`],
    },
    // Grammar errors are reported once, by the grammar.
    { instanceTypes: ["M6I.LARGE"], expected: ["nodeGroups.workers.instanceTypes[0]: must be an EC2 instance type such as m6i.large or m7i.metal-24xl (family.size, lowercase)"] },
    // Real types Slipway has no capacity or price for are EKS's to run: accepted.
    { instanceTypes: ["m5.large", "m7i.metal-24xl", "c7i-flex.large", "m7g.xlarge"], expected: [] },
  ])("WHEN they are $instanceTypes THEN the problems are $expected", ({ instanceTypes, expected }) => {
    expect(specProblems(nodeGroup(instanceTypes))).toEqual(expected);
  });
});

describe("GIVEN Karpenter's instance families and sizes", () => {
  it.each([
    {
      karpenter: { instanceFamilies: ["c6i", "m7x"] },
      expected: [`karpenter.instanceFamilies[1]: "m7x" is not an EC2 instance family (${KNOWN}), so the NodePools would match no instance of it; did you mean m7a, m7g, m7i?`],
    },
    {
      karpenter: { instanceFamilies: ["t3"], instanceSizes: ["large", "huge"] },
      expected: [`karpenter.instanceSizes[1]: no family of karpenter.instanceFamilies (t3) comes in size "huge", so the NodePools would match no instance of it (their sizes: nano, micro, small, medium, large, xlarge, 2xlarge)`],
    },
    {
      karpenter: { instanceFamilies: ["t3"], instanceSizes: ["4xlarge"] },
      expected: [`karpenter.instanceSizes[0]: no family of karpenter.instanceFamilies (t3) comes in size "4xlarge", so the NodePools would match no instance of it; did you mean 2xlarge, xlarge, large? (their sizes: nano, micro, small, medium, large, xlarge, 2xlarge)`],
    },
    // A size one of the families has is enough: Karpenter's requirements only filter real types.
    { karpenter: { instanceFamilies: ["t3", "c6i"], instanceSizes: ["large", "4xlarge"] }, expected: [] },
    { karpenter: { architectures: ["arm64"], instanceFamilies: ["m7g", "c7gn"], instanceSizes: ["medium", "metal"] }, expected: [] },
    {
      karpenter: { architectures: ["arm64"] },
      expected: ["karpenter.architectures: none of karpenter.instanceFamilies (c6i, m6i) is arm64, so Karpenter could launch no node and pods would stay Pending; add a Graviton family such as m7g or c7g to karpenter.instanceFamilies, or allow the families' architecture"],
    },
    { karpenter: { architectures: ["amd64", "arm64"] }, expected: [] },
    { karpenter: { enabled: false, architectures: ["arm64"] }, expected: [] },
  ])("WHEN they are $karpenter THEN the problems are $expected", ({ karpenter, expected }) => {
    expect(specProblems({ karpenter })).toEqual(expected);
  });
});

describe("GIVEN the generated table of EC2 instance types", () => {
  it("THEN it holds every type Slipway has a capacity or a price for", () => {
    const priced = Object.values(EC2_ON_DEMAND_PRICES).flatMap((region) => Object.keys(region.onDemand));
    expect([...Object.keys(INSTANCE_TYPES), ...priced].filter((name) => !instanceTypeExists(name))).toEqual([]);
  });

  it("THEN it is sorted, unique and of the type grammar", () => {
    expect([...new Set(EC2_INSTANCE_TYPE_NAMES)].sort()).toEqual(EC2_INSTANCE_TYPE_NAMES);
    expect(EC2_INSTANCE_TYPE_NAMES.filter((name) => !/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(name))).toEqual([]);
  });
});
