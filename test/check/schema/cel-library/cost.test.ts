import { describe, expect, it } from "vitest";
import { charge, CostLimitExceeded, lengthCost, metered, PER_CALL_LIMIT } from "../../../../src/check/schema/cel-library/cost.js";
import { compileRule } from "../../../../src/check/schema/cel-rules.js";

function run(rule: string, self: unknown, limit = PER_CALL_LIMIT) {
  const [compiled] = compileRule({ rule });
  if (compiled?.status.kind !== "program") throw new Error(`not a program: ${rule}`);
  const program = compiled.status.program;
  return metered(limit, () => program(self as never));
}

describe("the CEL cost budget", () => {
  it("GIVEN no meter WHEN charged THEN nothing happens (library functions work outside rule evaluation)", () => {
    expect(() => charge(10 ** 12)).not.toThrow();
  });

  it("GIVEN a meter WHEN charged past its limit THEN CostLimitExceeded, and metered reports it", () => {
    expect(metered(10, () => charge(5))).toEqual({ value: undefined, cost: 5, exceeded: false });
    expect(metered(10, () => charge(11))).toEqual({ value: undefined, cost: 11, exceeded: true });
    expect(() => metered(10, () => { throw new Error("other"); })).toThrow("other");
    expect(new CostLimitExceeded().message).toBe("operation cancelled: actual cost limit exceeded");
  });

  it.each([
    { length: 0, cost: 1 },
    { length: 10, cost: 2 },
    { length: 1000, cost: 101 },
  ])("GIVEN a length of $length WHEN costed THEN $cost", ({ length, cost }) => {
    expect(lengthCost(length)).toBe(cost);
  });

  it.each([
    { name: "a rule without comprehension (one unit for size(); > on ints is not metered)", rule: "self.size() > 0", self: [1n], cost: 1, exceeded: false },
    { name: "one all() over 3 items (each step: 7 nodes of `@result && x > 0` and the loop condition)", rule: "self.all(x, x > 0)", self: [1n, 2n, 3n], cost: 21, exceeded: false },
    { name: "a nested all() over 300 items (27 million steps)", rule: "self.all(a, self.all(b, self.all(c, a + b + c >= 0)))", self: Array.from({ length: 300 }, (_, index) => BigInt(index)), cost: undefined, exceeded: true },
    { name: "a map() of maps building 4 million strings", rule: "self.map(x, self.map(y, 'x' + 'yyyyyyyyyyyyyyyy')).size() > 0", self: Array.from({ length: 2000 }, () => 0n), cost: undefined, exceeded: true },
  ])("GIVEN $name WHEN evaluated THEN exceeded: $exceeded", ({ rule, self, cost, exceeded }) => {
    const outcome = run(rule, self);
    expect(outcome.exceeded).toBe(exceeded);
    if (cost !== undefined) expect(outcome.cost).toBe(cost);
    if (exceeded) expect(outcome.value).toBeUndefined();
    // Work, not wall time (a busy machine stretches that): charged up to the limit plus one
    // step's units, never the millions of steps the rule asks for.
    if (exceeded) expect(outcome.cost).toBeLessThanOrEqual(PER_CALL_LIMIT + 1_000);
  });

  it("GIVEN an exists() whose error would be swallowed by a later true WHEN the budget runs out THEN still exceeded", () => {
    // exists() keeps going past an error; the meter's exception ends the loop at once, whatever the error semantics.
    const outcome = run("self.exists(x, self.all(y, y >= 0) && x < 0) || true", Array.from({ length: 2000 }, (_, index) => BigInt(index)));
    expect(outcome.exceeded).toBe(true);
  });
});
