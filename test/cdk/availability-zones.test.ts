/**
 * Each region's availability zones come from one dated table; the spec refuses a region
 * it does not list, or more zones than the region has, at the field, with the fix.
 */
import { RegionInfo } from "aws-cdk-lib/region-info";
import { describe, expect, it } from "vitest";
import { availabilityZoneNames, REGION_ZONE_LETTERS } from "../../src/cdk/availability-zones.js";
import { awsPartition } from "../../src/platform-spec/names.js";
import { specProblems } from "../support/spec-problems.js";

describe("GIVEN availabilityZoneNames", () => {
  it.each([
    ["eu-west-1", 3, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]],
    ["ap-northeast-1", 3, ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]],
    ["ca-central-1", 3, ["ca-central-1a", "ca-central-1b", "ca-central-1d"]],
    ["cn-north-1", 3, ["cn-north-1a", "cn-north-1b", "cn-north-1d"]],
    ["us-east-1", 2, ["us-east-1a", "us-east-1b"]],
  ])("WHEN %s needs %i zones THEN they are %j", (region, count, zones) => {
    expect(availabilityZoneNames(region, count)).toEqual(zones);
  });

  it("WHEN a region has fewer zones than asked THEN SPEC_INVALID names the field, the zones and the limit", () => {
    expect(() => availabilityZoneNames("us-west-1", 3)).toThrow(
      expect.objectContaining({ code: "SPEC_INVALID", where: "cluster.availabilityZones", problems: ["cluster.availabilityZones: us-west-1 has 2 availability zones (us-west-1a, us-west-1c), not 3; set cluster.availabilityZones to 2 or less"] }),
    );
  });
});

describe("GIVEN a spec's region and zone count", () => {
  it.each([
    { name: "4 zones in eu-west-1", raw: { cluster: { availabilityZones: 4 } }, expected: ["cluster.availabilityZones: eu-west-1 has 3 availability zones (eu-west-1a, eu-west-1b, eu-west-1c), not 4; set cluster.availabilityZones to 3 or less"] },
    { name: "6 zones in us-east-1", raw: { aws: { region: "us-east-1" }, cluster: { availabilityZones: 6 } }, expected: [] },
    { name: "4 zones in us-west-2", raw: { aws: { region: "us-west-2" }, cluster: { availabilityZones: 4 } }, expected: [] },
  ])("WHEN $name THEN the problems are $expected", ({ raw, expected }) => {
    expect(specProblems(raw)).toEqual(expected);
  });

  it.each([
    ["eu-westt-1", "; did you mean eu-west-1, eu-west-2, eu-west-3?"],
    ["cn-south-9", "; did you mean af-south-1, ap-south-1, ap-south-2?"],
    ["xx-moon-1", ""],
  ])("WHEN the region is %s THEN aws.region is refused with close matches and where to add a new region", (region, suggestion) => {
    const [problem, ...rest] = specProblems({ aws: { region } });
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^aws\\.region: ${region} is not an AWS region Slipway knows the availability zones of${suggestion.replace(/[.?]/g, "\\$&")} \\(known: af-south-1, .*us-west-2; a region AWS opened after 2026-11-30 goes into src/cdk/availability-zones.ts with its zones from the AWS documentation\\)$`));
  });
});

describe("GIVEN the table of regions", () => {
  it("THEN every region is one aws-cdk-lib's region table knows, in the partition Slipway derives for it", () => {
    const cdkPartitions = new Map(RegionInfo.regions.map((info) => [info.name, info.partition]));
    const mismatched = Object.keys(REGION_ZONE_LETTERS).filter((region) => cdkPartitions.get(region) !== awsPartition(region));
    expect(mismatched).toEqual([]);
  });

  it("THEN each region has at least the 2 zones the spec's minimum asks for", () => {
    expect(Object.entries(REGION_ZONE_LETTERS).filter(([, letters]) => letters.length < 2)).toEqual([]);
  });
});
