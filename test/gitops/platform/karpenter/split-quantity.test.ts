import { describe, expect, it } from "vitest";
import { splitQuantity, toMilli } from "../../../../src/gitops/platform/karpenter/split-quantity.js";

describe("splitQuantity", () => {
  const table: [string, number, number, string][] = [
    ["1000", 4, 5, "800"],
    ["1000", 1, 5, "200"],
    ["2000Gi", 4, 5, "1600Gi"],
    ["2000Gi", 1, 5, "400Gi"],
    ["7", 1, 2, "3500m"],
    ["1Gi", 1, 3, "357913941333m"],
    ["3Gi", 1, 3, "1Gi"],
    ["1500m", 1, 1, "1500m"],
    ["10G", 1, 2, "5G"],
    ["1000", 0, 5, "0"],
  ];
  it.each(table)("GIVEN %s WHEN %i/%i is taken THEN it is %s", (quantity, numerator, denominator, expected) => {
    expect(splitQuantity(quantity, numerator, denominator)).toBe(expected);
  });

  it("GIVEN shares of a split THEN they never add up to more than the whole", () => {
    const parts = [splitQuantity("1001", 4, 5), splitQuantity("1001", 1, 5)].map((part) => toMilli(part));
    expect(parts.reduce((sum, part) => sum + part, 0n) <= toMilli("1001")).toBe(true);
  });

  it("GIVEN text that is not a quantity THEN it says so", () => {
    expect(() => splitQuantity("lots", 1, 2)).toThrow('"lots" is not a Kubernetes quantity');
  });
});

describe("splitQuantity over the whole quantity grammar", () => {
  it.each([
    ["1e3", 1, 2, "500"],
    ["5Ei", 1, 5, "1Ei"],
    ["2E", 1, 2, "1E"],
    ["1.5Gi", 1, 3, "512Mi"],
    ["2500m", 1, 2, "1250m"],
  ])("GIVEN %s WHEN %s/%s is taken THEN %s", (quantity, numerator, denominator, expected) => {
    expect(splitQuantity(quantity, numerator, denominator)).toBe(expected);
  });
});
