import { describe, expect, it } from "vitest";
import { evaluateCel } from "../../../support/evaluate-cel.js";

describe("Kubernetes' quantity library", () => {
  // Upstream's table (quantity_test.go), but div and divInt, which are not implemented.
  it.each([
    { expression: "quantity('12Mi')", expected: "kubernetes.Quantity(12582912/1)" },
    { expression: "quantity('10Mo')", expected: expect.stringMatching(/^error: quantities must match the regular expression/) },
    { expression: "quantity('10Mm')", expected: "error: unable to parse quantity's suffix" },
    { expression: "isQuantity('20')", expected: true },
    { expression: "isQuantity('20M')", expected: true },
    { expression: "isQuantity('20Mi')", expected: true },
    { expression: "isQuantity('20Mo')", expected: false },
    { expression: "isQuantity('10Mm')", expected: false },
    { expression: "quantity('200M') == quantity('200M')", expected: true },
    { expression: "quantity('200M') == quantity('0.2G') && quantity('0.2G') == quantity('200M')", expected: true },
    { expression: "quantity('2M') == quantity('0.002G') && quantity('2000k') == quantity('2M') && quantity('0.002G') == quantity('2000k')", expected: true },
    { expression: "quantity('200M') == quantity('0.3G')", expected: false },
    { expression: "quantity('50M').isLessThan(quantity('50Mi'))", expected: true },
    { expression: "quantity('50M').isLessThan(quantity('100M'))", expected: true },
    { expression: "quantity('100M').isLessThan(quantity('50M'))", expected: false },
    { expression: "quantity('50Mi').isGreaterThan(quantity('50M'))", expected: true },
    { expression: "quantity('150Mi').isGreaterThan(quantity('100Mi'))", expected: true },
    { expression: "quantity('50M').isGreaterThan(quantity('100M'))", expected: false },
    { expression: "quantity('200M').compareTo(quantity('0.2G'))", expected: 0n },
    { expression: "quantity('50M').compareTo(quantity('50Mi'))", expected: -1n },
    { expression: "quantity('50Mi').compareTo(quantity('50M'))", expected: 1n },
    { expression: "quantity('50k').add(quantity('20')) == quantity('50.02k')", expected: true },
    { expression: "quantity('50k').add(20).isLessThan(quantity('50020'))", expected: false },
    { expression: "quantity('50k').sub(quantity('20')) == quantity('49.98k')", expected: true },
    { expression: "quantity('50k').sub(20) == quantity('49980')", expected: true },
    { expression: "quantity('50k').mul(2) == quantity('100000')", expected: true },
    { expression: "quantity('50k').add(20).sub(quantity('100k')).asInteger()", expected: -49980n },
    { expression: "quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger()", expected: 20n },
    { expression: "quantity('50k').asInteger()", expected: 50000n },
    { expression: "quantity('9999999999999999999999999999999999999G').asInteger()", expected: "error: cannot convert value to integer" },
    { expression: "quantity('9999999999999999999999999999999999999G').isInteger()", expected: false },
    { expression: "quantity('50').isInteger()", expected: true },
    { expression: "quantity('50.703k').asApproximateFloat()", expected: 50703 },
    // Beyond upstream's table.
    { expression: "quantity('1500m').isInteger()", expected: false },
    { expression: "quantity('-1').sign() == -1 && sign(quantity('0')) == 0 && quantity('1n').sign() == 1", expected: true },
    { expression: "type(quantity('1')) == kubernetes.Quantity", expected: true },
    { expression: "quantity('1e200')", expected: expect.stringMatching(/^error: the checker cannot evaluate quantity/) },
    { expression: "isQuantity('1e200')", expected: expect.stringMatching(/^error: the checker cannot evaluate quantity/) },
    { expression: "quantity('10000').divInt(3) == quantity('3333')", expected: expect.stringMatching(/^not-evaluable: .*divInt/) },
  ])("GIVEN $expression WHEN evaluated THEN $expected", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });

  it("GIVEN a quantity string of 20,000 digits WHEN parsed THEN an evaluation error at once (exact arithmetic on it would be slow), never a verdict", () => {
    expect(evaluateCel("isQuantity(self)", "7".repeat(20_000))).toBe("error: the checker does not evaluate quantities longer than 10000 characters");
    expect(evaluateCel("isQuantity(self)", "7".repeat(9_000))).toBe(true);
  });
});
