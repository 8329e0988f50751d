import { describe, expect, it } from "vitest";
import { canonicalQuantity, isQuantity, MAX_EXPONENT, NON_NEGATIVE_QUANTITY_PATTERN, QUANTITY_PATTERN, quantitySuffix, quantityValue } from "../../src/manifest/quantity.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { QUANTITY_PATTERN as CHECKER_QUANTITY_PATTERN } from "../../src/check/schema/to-json-schema.js";

/** [text, numerator / denominator of base units] — values as resource.ParseQuantity reads them. */
const VALID: readonly [string, bigint, bigint][] = [
  ["2", 2n, 1n],
  ["0", 0n, 1n],
  ["500m", 500n, 1000n],
  ["1.5", 15n, 10n],
  ["1.", 1n, 1n],
  [".5", 5n, 10n],
  ["+3", 3n, 1n],
  ["-3", -3n, 1n],
  ["100Gi", 100n * 1024n ** 3n, 1n],
  ["1.5Gi", 15n * 1024n ** 3n, 10n],
  ["5Ei", 5n * 1024n ** 6n, 1n],
  ["7E", 7n * 10n ** 18n, 1n],
  ["1e3", 1000n, 1n],
  ["1E3", 1000n, 1n],
  ["2e-3", 2n, 1000n],
  ["1.5e+2", 15n * 100n, 10n],
  ["10n", 10n, 10n ** 9n],
  ["10u", 10n, 10n ** 6n],
  ["3k", 3000n, 1n],
  ["4M", 4n * 10n ** 6n, 1n],
  ["007", 7n, 1n],
];

const INVALID: readonly string[] = ["", "lots", "1K", "1mi", "1ki", "Gi", "1 Gi", "1.2.3", "1e", "e3", "1Gb", "--1", "1e3Gi", "0x10", "1_000", " 1", "1\n"];

describe("the Kubernetes quantity grammar", () => {
  it.each(VALID)("GIVEN %s WHEN parsed THEN it is a quantity of %s/%s base units", (text, numerator, denominator) => {
    expect(isQuantity(text)).toBe(true);
    expect(new RegExp(QUANTITY_PATTERN).test(text)).toBe(true);
    const value = quantityValue(text)!;
    // Compare as fractions: a/b = c/d exactly when a*d = c*b.
    expect(value.numerator * denominator).toBe(numerator * value.denominator);
  });

  it.each(INVALID)("GIVEN %j WHEN parsed THEN it is no quantity", (text) => {
    expect(isQuantity(text)).toBe(false);
    expect(new RegExp(QUANTITY_PATTERN).test(text)).toBe(false);
    expect(quantityValue(text)).toBeUndefined();
  });

  it("GIVEN an exponent beyond the bound WHEN valued THEN no value (no unbounded arithmetic), though the grammar accepts it", () => {
    expect(isQuantity(`1e${MAX_EXPONENT + 1}`)).toBe(true);
    expect(quantityValue(`1e${MAX_EXPONENT + 1}`)).toBeUndefined();
    expect(quantityValue(`1e-999999999`)).toBeUndefined();
    expect(quantityValue(`1e${MAX_EXPONENT}`)).toEqual({ numerator: 10n ** BigInt(MAX_EXPONENT), denominator: 1n });
  });

  it("GIVEN the signs WHEN matched by the non-negative pattern THEN only + and none", () => {
    const nonNegative = new RegExp(NON_NEGATIVE_QUANTITY_PATTERN);
    expect(["2", "+2", "1e3", "5Ei"].map((text) => nonNegative.test(text))).toEqual([true, true, true, true]);
    expect(nonNegative.test("-2")).toBe(false);
  });

  it.each([
    ["5Ei", "Ei", "binary-si"],
    ["1.5Gi", "Gi", "binary-si"],
    ["100m", "m", "decimal-si"],
    ["7E", "E", "decimal-si"],
    ["1e3", "e3", "decimal-exponent"],
    ["2E-3", "E-3", "decimal-exponent"],
    ["-1", "", "none"],
  ])("GIVEN %s WHEN its suffix is read THEN %j, %s", (text, suffix, format) => {
    expect(quantitySuffix(text)).toEqual({ suffix, format });
  });

  it("GIVEN text that is no quantity WHEN its suffix is read THEN none", () => {
    expect(quantitySuffix("1Gb")).toBeUndefined();
  });

  it("GIVEN the checker's schemas WHEN they validate Quantity strings THEN they use this grammar", () => {
    expect(CHECKER_QUANTITY_PATTERN).toBe(QUANTITY_PATTERN);
  });
});

describe("quantities in the platform spec", () => {
  it.each(["1e3", "5Ei", "1.5Gi", "500m", "100m", "+8", ".5", `1e${MAX_EXPONENT}`])("GIVEN a team quota of %s WHEN parsed THEN it is accepted", (value) => {
    // No applications: whether a small quota holds them is quota-fit's question (test/platform-spec/quota-fit.test.ts).
    expect(parseSpec({ teams: { "team-a": { quota: { requestsCpu: value } } }, applications: {} }, "test").teams["team-a"]!.quota.requestsCpu).toBe(value);
  });

  it.each([
    ["-1", "teams.team-a.quota.requestsCpu: must be a non-negative Kubernetes quantity such as 100Gi, 500m, 2 or 1e3"],
    ["1K", "teams.team-a.quota.requestsCpu: must be a non-negative Kubernetes quantity such as 100Gi, 500m, 2 or 1e3"],
    ["1e999", `teams.team-a.quota.requestsCpu: must have an exponent within ±${MAX_EXPONENT}`],
    ["1e400", `teams.team-a.quota.requestsCpu: must have an exponent within ±${MAX_EXPONENT}`],
    ["1e-400", `teams.team-a.quota.requestsCpu: must have an exponent within ±${MAX_EXPONENT}`],
  ])("GIVEN a team quota of %s WHEN parsed THEN SPEC_INVALID naming the field", (value, problem) => {
    expect(() => parseSpec({ teams: { "team-a": { quota: { requestsCpu: value } } } }, "test")).toThrow(expect.objectContaining({ code: "SPEC_INVALID", problems: [problem] }));
  });
});

describe("canonicalQuantity: quantities as the API server prints them", () => {
  it.each([
    // written, printed (resource.Quantity String())
    ["0", "0"],
    ["0Gi", "0"],
    ["1", "1"],
    ["2000m", "2"],
    ["0.5", "500m"],
    ["1.5", "1500m"],
    ["1000", "1k"],
    ["1000000n", "1m"],
    ["0.1n", "1n"],
    ["-0.5", "-500m"],
    ["100m", "100m"],
    ["1024Mi", "1Gi"],
    ["1.5Gi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["1Ki", "1Ki"],
    ["0.5Ki", "512"],
    ["1536", "1536"],
    ["5Ei", "5Ei"],
    ["1e3", "1e3"],
    ["1.5e3", "1500"],
    ["2E6", "2e6"],
    ["1e-3", "1e-3"],
    ["12E", "12E"],
  ])("GIVEN %s WHEN printed as the API server does THEN %s", (written, printed) => {
    expect(canonicalQuantity(written)).toBe(printed);
  });

  it.each(["lots", "1e999", ""])("GIVEN %j, no quantity the checker can value, WHEN printed THEN nothing", (text) => {
    expect(canonicalQuantity(text)).toBeUndefined();
  });
});
