import { describe, expect, it } from "vitest";
import { evaluateCel } from "../../../support/evaluate-cel.js";

describe("Kubernetes' list library", () => {
  // Upstream's examples (lists.go).
  it.each([
    { expression: "[1, 2, 3].isSorted()", expected: true },
    { expression: "['a', 'b', 'b', 'c'].isSorted()", expected: true },
    { expression: "[2.0, 1.0].isSorted()", expected: false },
    { expression: "[1].isSorted()", expected: true },
    { expression: "[].isSorted()", expected: true },
    { expression: "['b', 'a'].isSorted()", expected: false },
    { expression: "[false, true].isSorted()", expected: true },
    { expression: "['\\uffff', '\\U0001F600'].isSorted()", expected: true },
    { expression: "[1, 'a'].isSorted()", expected: expect.stringMatching(/^error: no such overload/) },
    { expression: "[1, 3].sum()", expected: 4n },
    { expression: "[1.0, 3.0].sum()", expected: 4 },
    { expression: "[1u, 3u].sum()", expected: "4u" },
    { expression: "[].sum()", expected: 0n },
    { expression: "[9223372036854775807, 1].sum()", expected: "error: integer overflow" },
    { expression: "[1, 2.0].sum()", expected: expect.stringMatching(/^error: no such overload/) },
    { expression: "[1, 3].min()", expected: 1n },
    { expression: "[1, 3].max()", expected: 3n },
    { expression: "[].min()", expected: "error: min called on empty list" },
    { expression: "[].max()", expected: "error: max called on empty list" },
    { expression: "[1].min()", expected: 1n },
    { expression: "([0] + []).min()", expected: 0n },
    { expression: "['b', 'a', 'c'].max()", expected: "c" },
    { expression: "[1, 2.5].max()", expected: 2.5 },
    { expression: "[1, 2, 2, 3].indexOf(2)", expected: 1n },
    { expression: "['a', 'b', 'b', 'c'].lastIndexOf('b')", expected: 2n },
    { expression: "[1.0].indexOf(1.1)", expected: -1n },
    { expression: "[].indexOf('string')", expected: -1n },
    { expression: "[1, 2].indexOf(2.0)", expected: 1n },
    { expression: "[[1], [2]].indexOf([2])", expected: 1n },
    { expression: "[{'a': 1}].lastIndexOf({'a': 1})", expected: 0n },
  ])("GIVEN $expression WHEN evaluated THEN $expected", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });

  it("GIVEN a rule on a list from the object WHEN evaluated THEN it reads self", () => {
    expect(evaluateCel("self.isSorted() && self.max() == 9 && self.sum() == 12", [1n, 2n, 9n])).toBe(true);
  });
});
