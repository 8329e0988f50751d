import { describe, expect, it } from "vitest";
import { metered } from "../../../../src/check/schema/cel-library/cost.js";
import { compileRule } from "../../../../src/check/schema/cel-rules.js";
import { evaluateCel } from "../../../support/evaluate-cel.js";

function cost(rule: string, self: unknown): number {
  const [compiled] = compileRule({ rule });
  if (compiled?.status.kind !== "program") throw new Error(`not a program: ${rule}`);
  const program = compiled.status.program;
  return metered(10 ** 9, () => program(self as never)).cost;
}

describe("string and list concatenation, metered", () => {
  it.each([
    { expression: "'a' + 'b'", expected: "ab" },
    { expression: "[1] + [2, 3]", expected: [1n, 2n, 3n] },
    { expression: "[] + []", expected: [] },
  ])("GIVEN $expression WHEN evaluated THEN $expected, as the standard operator", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });

  it.each([
    { name: "two short strings", rule: "self + 'b' == 'ab'", self: "a", cost: 2 },
    { name: "a 1,000-character string", rule: "self + 'b' != ''", self: "a".repeat(1000), cost: 102 },
    { name: "a list of 100 items appended", rule: "size([0] + self) > 0", self: Array.from({ length: 100 }, () => 0n), cost: 11 },
  ])("GIVEN $name WHEN concatenated THEN charged by length ($cost)", ({ rule, self, cost: expected }) => {
    expect(cost(rule, self)).toBe(expected);
  });
});
