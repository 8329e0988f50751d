import { describe, expect, it } from "vitest";
import { metered, PER_CALL_LIMIT } from "../../../../src/check/schema/cel-library/cost.js";
import { compileRule } from "../../../../src/check/schema/cel-rules.js";
import { evaluateCel } from "../../../support/evaluate-cel.js";

function run(rule: string, self: unknown, limit = 10 ** 9) {
  const [compiled] = compileRule({ rule });
  if (compiled?.status.kind !== "program") throw new Error(`not a program: ${rule}`);
  const program = compiled.status.program;
  return metered(limit, () => program(self as never));
}

describe("every CEL function call, metered", () => {
  it.each([
    { expression: "'a' + 'b'", expected: "ab" },
    { expression: "[1] + [2, 3]", expected: [1n, 2n, 3n] },
    { expression: "'abc'.matches('^a') && 'abc'.contains('b') && 'ABC'.lowerAscii() == 'abc'", expected: true },
  ])("GIVEN $expression WHEN evaluated THEN $expected, as without the meter", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });

  it.each([
    { name: "two short strings concatenated (1 + 1) and compared (1 + 1)", rule: "self + 'b' == 'ab'", self: "a", cost: 4 },
    { name: "a 1,000-character string concatenated (1 + 101) and compared with '' (1 + 101)", rule: "self + 'b' != ''", self: "a".repeat(1000), cost: 204 },
    { name: "size() of a 1,000-character string (flat, as upstream; > on ints is not metered)", rule: "size(self) > 0", self: "a".repeat(1000), cost: 1 },
    { name: "a list of 100 items concatenated (1 + 11), then sized (1)", rule: "size([0] + self) > 0", self: Array.from({ length: 100 }, () => 0n), cost: 13 },
  ])("GIVEN $name WHEN evaluated THEN charged $cost", ({ rule, self, cost }) => {
    expect(run(rule, self).cost).toBe(cost);
  });

  it("GIVEN matches() on a 100,000-character string in a loop over 5,000 items WHEN evaluated THEN the budget stops it (unbounded it would scan 500 million characters)", () => {
    const outcome = run("self.items.all(x, self.text.matches('^a+$'))", new Map<string, unknown>([["items", Array.from({ length: 5000 }, () => 0n)], ["text", "a".repeat(100_000)]]), PER_CALL_LIMIT);
    expect(outcome.exceeded).toBe(true);
    // Work, not wall time (a busy machine stretches that): it stopped within one matches()
    // call (10,001 units for 100,000 characters) of the limit, not after 5,000 of them.
    expect(outcome.cost).toBeLessThanOrEqual(PER_CALL_LIMIT + 10_001 + 100);
  });
});
