import { describe, expect, it } from "vitest";
import { EC2_ON_DEMAND_PRICES, hourlyPrice, SPOT_PRICE_RATIO } from "../../src/pricing/ec2-prices.js";
import { INSTANCE_TYPES } from "../../src/local/instance-types.js";
import { SlipwayError } from "../../src/errors.js";

describe("hourlyPrice", () => {
  it.each([
    // region, type, capacity type, USD per hour
    ["us-east-1", "m6i.large", "on-demand", 0.096],
    ["us-east-1", "c6i.2xlarge", "on-demand", 0.34],
    ["us-east-1", "c6i.2xlarge", "spot", 0.238],
    ["eu-west-1", "m6i.large", "on-demand", 0.107],
    ["eu-west-1", "c6i.xlarge", "spot", 0.1344],
  ] as const)("GIVEN %s %s %s WHEN priced THEN it costs %s USD per hour", (region, type, capacityType, price) => {
    expect(hourlyPrice(region, type, capacityType, "karpenter.instanceFamilies")).toBe(price);
  });

  it("GIVEN every region in the table WHEN read THEN it names a dated source and prices every instance type the local cluster knows, spot below on-demand", () => {
    for (const [region, prices] of Object.entries(EC2_ON_DEMAND_PRICES)) {
      expect(prices.source).toMatch(/20[0-9]{2}-[0-9]{2}-[0-9]{2}/);
      expect(Object.keys(prices.onDemand).sort()).toEqual(Object.keys(INSTANCE_TYPES).sort());
      for (const type of Object.keys(prices.onDemand)) {
        const onDemand = hourlyPrice(region, type, "on-demand", "x");
        expect(onDemand).toBeGreaterThan(0);
        expect(hourlyPrice(region, type, "spot", "x")).toBeLessThan(onDemand);
      }
    }
    expect(SPOT_PRICE_RATIO).toBeLessThan(1);
  });

  it("GIVEN one family WHEN sizes double THEN the price doubles (a typo in the table breaks this)", () => {
    for (const prices of Object.values(EC2_ON_DEMAND_PRICES)) {
      for (const family of ["m6i", "m7i", "c6i", "c7i", "r6i"]) {
        const [large, xlarge, twoXlarge, fourXlarge] = ["large", "xlarge", "2xlarge", "4xlarge"].map((size) => prices.onDemand[`${family}.${size}`]!);
        expect(xlarge).toBeCloseTo(2 * large!, 4);
        expect(twoXlarge).toBeCloseTo(2 * xlarge!, 4);
        expect(fourXlarge).toBeCloseTo(2 * twoXlarge!, 4);
      }
    }
  });

  it("GIVEN a region the table does not price WHEN priced THEN PRICE_UNKNOWN names the region, the spec field and the fix", () => {
    let error: unknown;
    try {
      hourlyPrice("ap-south-2", "m6i.large", "spot", "karpenter.instanceFamilies");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).render()).toBe(
      [
        "error PRICE_UNKNOWN: no EC2 prices are known for region ap-south-2",
        "  where: aws.region",
        "  fix: use one of eu-west-1, us-east-1, or add ap-south-2's on-demand prices with their source to src/pricing/ec2-prices.ts",
      ].join("\n"),
    );
  });

  it("GIVEN an instance type the region's table lacks WHEN priced THEN PRICE_UNKNOWN names the type, the region and the field that named it", () => {
    expect(() => hourlyPrice("eu-west-1", "x9z.huge", "on-demand", "karpenter.instanceFamilies")).toThrow(
      expect.objectContaining({ code: "PRICE_UNKNOWN", message: "no EC2 price is known for x9z.huge in eu-west-1", where: "karpenter.instanceFamilies" }),
    );
  });
});
