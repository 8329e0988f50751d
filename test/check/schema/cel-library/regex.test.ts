import { describe, expect, it } from "vitest";
import { findAllMatches, toJavaScript } from "../../../../src/check/schema/cel-library/regex.js";
import { evaluateCel } from "../../../support/evaluate-cel.js";

describe("Kubernetes' regex library: find and findAll", () => {
  // Upstream's examples (regex.go), with findAll as Go's FindAllString answers them.
  it.each([
    { expression: "'abc 123'.find('[0-9]+')", expected: "123" },
    { expression: "'abc 123'.find('xyz')", expected: "" },
    { expression: "'123 abc 456'.findAll('[0-9]+')", expected: ["123", "456"] },
    { expression: "'123 abc 456'.findAll('[0-9]+', 1)", expected: ["123"] },
    { expression: "'123 abc 456'.findAll('[0-9]+', 0)", expected: [] },
    { expression: "'123 abc 456'.findAll('[0-9]+', -1)", expected: ["123", "456"] },
    { expression: "'123 abc 456'.findAll('xyz')", expected: [] },
    // Go skips an empty match right after a match: '123' then '' at 4..7, never at 3.
    { expression: "'123 abc 456'.findAll('[0-9]*')", expected: ["123", "", "", "", "", "456"] },
    { expression: "'al2023@latest'.find('^[^@]+')", expected: "al2023" },
    { expression: "'kubernetes.io/os'.find('^([^/]+)')", expected: "kubernetes.io" },
    { expression: "'a-b'.find('a\\\\-b')", expected: "a-b" },
    { expression: "'A-b'.find('(?i)a-b')", expected: "error: the checker cannot evaluate this regex (the flag (?i))" },
    { expression: "'\\u00e9t\\u00e9'.find('[^t]+$')", expected: "\u00e9" },
    { expression: "'smile \\U0001F600'.find('s')", expected: "error: the checker cannot evaluate this regex (text with characters beyond the Basic Multilingual Plane)" },
    { expression: "'bell\\a'.find('\\\\a')", expected: "\u0007" },
    { expression: "'x'.find('\\\\pL')", expected: "error: the checker cannot evaluate this regex (\\p)" },
    { expression: "'x\\ny'.find('x.y')", expected: "" },
    { expression: "'x\\ny'.find('(?s)x.y')", expected: "x\ny" },
    { expression: "'a\\u2028b'.find('a.b')", expected: "a\u2028b" },
    { expression: "'ab\\n'.find('ab\\\\z')", expected: "" },
    { expression: "'v1.2'.find('(?P<major>[0-9]+)')", expected: "1" },
    { expression: "'x'.find('[')", expected: expect.stringMatching(/^error: Illegal regex: /) },
    { expression: "'aa'.find('(a)\\\\1')", expected: expect.stringMatching(/^error: Illegal regex: /) },
    { expression: "'a'.find('[[:alpha:]]')", expected: expect.stringMatching(/^error: the checker cannot evaluate this regex/) },
  ])("GIVEN $expression WHEN evaluated THEN $expected", ({ expression, expected }) => {
    expect(evaluateCel(expression)).toEqual(expected);
  });

  it("GIVEN a pattern that backtracks exponentially in JavaScript WHEN the text does not match THEN RE2 answers at once", () => {
    const started = performance.now();
    expect(findAllMatches(`${"a".repeat(5000)}!`, "^(a+)+$", -1)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    { name: "a failing prefix before the match", text: `${"a".repeat(40)}!ab`, pattern: "(a+)+b", expected: ["ab"] },
    { name: "a failing first alternative", text: `${"a".repeat(40)}!`, pattern: "(a+)+b|!", expected: ["!"] },
    { name: "named groups and bounded repeats", text: `${"a".repeat(40)}!ab`, pattern: "(?P<x>a{1,3})+b", expected: ["ab"] },
  ])("GIVEN $name (exponential backtracking in JavaScript) WHEN the text matches THEN V8's linear engine takes over and the answer comes at once", ({ text, pattern, expected }) => {
    const started = performance.now();
    expect(findAllMatches(text, pattern, -1)).toEqual(expected);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([
    { pattern: "\\s+", source: "[\\t\\n\\f\\r ]+" },
    { pattern: "[\\s,]", source: "[\\t\\n\\f\\r ,]" },
    { pattern: "a\\.b", source: "a\\u002eb" },
    { pattern: "\\x{41}\\x42", source: "\\u0041\\u0042" },
    { pattern: "a.b\\z", source: "a[^\\n]b$" },
    { pattern: "(?s)\\Aa.", source: "^a[\\s\\S]" },
    { pattern: "[]a]", source: "[\\]a]" },
  ])("GIVEN the RE2 pattern $pattern WHEN translated THEN $source", ({ pattern, source }) => {
    expect(toJavaScript(pattern).source).toBe(source);
  });
});
