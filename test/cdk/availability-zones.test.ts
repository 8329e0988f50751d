import { describe, expect, it } from "vitest";
import { availabilityZoneNames } from "../../src/cdk/availability-zones.js";

describe("GIVEN availabilityZoneNames", () => {
  it.each([
    ["eu-west-1", 3, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]],
    ["ap-northeast-1", 3, ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]],
    ["us-east-1", 2, ["us-east-1a", "us-east-1b"]],
  ])("WHEN %s needs %i zones THEN they are %j", (region, count, zones) => {
    expect(availabilityZoneNames(region, count)).toEqual(zones);
  });

  it("WHEN a region has fewer nameable zones than asked THEN the error names the field and the limit", () => {
    expect(() => availabilityZoneNames("us-west-1", 3)).toThrowError("region us-west-1 has only 2 availability zones Slipway can name, not 3");
  });
});
