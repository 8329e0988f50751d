/**
 * Differential test: on every document the fast parser accepts, it must give exactly what
 * the `yaml` package gives with Kubernetes' YAML 1.1 options (or both must reject it); on
 * the rest it must fall back. The same check on every upstream CRD and chart file is
 * fast-yaml-corpus.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { DuplicateKeyError, FALLBACK, parseFastYaml } from "../../../src/check/load/fast-yaml.js";
import { normalizeLineBreaks } from "../../../src/check/load/parse-source.js";
import { splitYamlStream } from "../../../src/check/load/split-yaml-stream.js";
import { compare, parseWithYaml, yamlFilesBelow } from "../../support/fast-yaml-compare.js";
import { REPO_ROOT } from "../../support/paths.js";
import { random } from "../../support/seeded-random.js";

const SCALARS: readonly unknown[] = [
  "", "a", "hello world", "true", "True", "yes", "no", "on", "null", "y", "N", "Off", "YES", "0755", "08", "0o17", "0b11", "1_000", "1:30", "2026-11-30", "<<", "~", "0", "007", "-1", "+1", "1.5", "1e3", ".5", "1.", "0x1F", "0o17", ".inf", "-.Inf", ".nan",
  "a: b", "a #b", "# c", "- x", "[x]", "{x}", "'q'", '"dq"', "it's", 'say "hi"', "tab\there", "line\nbreak", "two\n\nparagraphs\n", "trailing\n", "  lead", "café ☕", "\\back", "100m", "1Gi", "*/15 * * * *", "key:value", "http://x:80/y",
  0, 1, -7, 3.25, 1e21, true, false, null, 123456789012,
];

function randomValue(next: () => number, depth: number): unknown {
  const choice = next();
  if (depth > 3 || choice < 0.45) return SCALARS[Math.floor(next() * SCALARS.length)];
  if (choice < 0.75) {
    const result: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 4); i >= 0; i--) result[String(SCALARS[Math.floor(next() * 20)] || `k${i}`).replace(/\n/g, "") + (next() < 0.5 ? "" : `.x/y-${i}`)] = randomValue(next, depth + 1);
    return result;
  }
  return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
}

describe("parseFastYaml", () => {
  it.each([
    { name: "manifest", text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a # comment\n  labels: {app: a, 'x': \"y\"}\nspec:\n  containers:\n  - name: c\n    args: [\"--a\", b]\n    command:\n      - sh\n" },
    { name: "literal block", text: "data:\n  script: |\n    echo a\n\n    echo b\n  other: x\n" },
    { name: "folded block", text: "a: >-\n  one\n  two\n\n  three\nb: 1\n" },
    { name: "nested sequences of mappings", text: "a:\n  - b: 1\n    c:\n      - d\n  -\n    e: 2\n" },
    { name: "empty values", text: "a:\nb: []\nc: {}\nd: ''\n" },
    { name: "multi-line plain scalar (controller-gen descriptions)", text: "a:\n  description: APIVersion defines\n    the versioned schema\n\n    of this object.\n  type: string\nb: 1\n" },
    { name: "multi-line plain scalar in a sequence, unevenly indented", text: "- one\n    two\n  three\n- four\n" },
    { name: "multi-line plain scalar that resolves as a string", text: "a: 1\n  2\nb: true\n  false\n" },
    { name: "multi-line single-quoted scalar with quotes and an empty line", text: "a:\n  rule: 'has(self.type) && self.type == ''forward''\n    ? x\n\n      : y'\n  message: m\n" },
    { name: "single-quoted scalar closed on its second line, then a comment", text: "a: 'one\n  two' # c\nb: x\n" },
    { name: "double-quoted scalar with \\x and \\u escapes", text: 'a: "\\xB5s and \\u00e9 and \\x41"\n' },
  ])("GIVEN a $name WHEN parsed fast THEN it equals the yaml package's result", ({ text }) => {
    expect(compare(text)).toBe("fast");
  });

  it.each([
    { name: "anchors", text: "a: &x 1\nb: *x\n" },
    { name: "multi-line flow", text: "a: [1,\n  2]\n" },
    { name: "tags", text: "a: !!str 1\n" },
    { name: "tabs", text: "a:\n\tb: 1\n" },
  ])("GIVEN $name WHEN parsed fast THEN it falls back to the yaml package", ({ text }) => {
    expect(parseFastYaml(text)).toBe(FALLBACK);
  });

  it.each(["True", "TRUE", "False", "FALSE", "true", "null", "Null", "NULL", "~", "yes", "On", "0", "-0", "+12", "007", "0o17", "0x1F", "0x1g", "1.5", "1.", ".5", "-.5e-3", "1e3", "1E+3", ".inf", "-.INF", "+.Inf", ".NaN", ".nan", "123456789012345678901", "1_000", "1:2", "a b", "y", "Y", "n", "N", "no", "NO", "off", "OFF", "on", "Yes", "yEs", "0755", "-0755", "08", "089", "0b101", "0B11", "0X1F", "1_0.5", "100 * node_load1", "1_000 x", "5_m", "1_0:30", "0_x(1)", "190:20:30", "2026-11-30", ".", ".e3", "0.", "500m", "2Gi", "v1.2", "-", "--x", "a#b", "é"])(
    "GIVEN the plain scalar %s WHEN parsed as a value, flow item and key THEN it resolves as yaml resolves it",
    (token) => {
      for (const text of [`a: ${token}\n`, `a: [${token}]\n`, `- ${token}\n`, `${token}: x\n`, `a: {${token}: x}\n`]) compare(text);
    },
  );

  it.each([
    { name: "a continuation line that looks like a key", text: "a: one\n  two: three\n" },
    { name: "a comment after the first line", text: "a: one # c\n  two\n" },
    { name: "a comment line inside", text: "a: one\n  # c\n  two\n" },
    { name: "a single-quoted scalar left open", text: "a: 'one\n  two\n" },
    { name: "a single-quoted scalar whose next line is not indented", text: "a: 'one\ntwo'\n" },
    { name: "text after a closing quote", text: "a: 'one\n  two' three\n" },
  ])("GIVEN $name WHEN parsed fast THEN it is left to the yaml package, never misread", ({ text }) => {
    expect(parseFastYaml(text)).toBe(FALLBACK);
  });

  it("GIVEN a duplicate key WHEN parsed fast THEN DuplicateKeyError with its line", () => {
    expect(() => parseFastYaml("a: 1\nb:\n  c: 1\n  c: 2\n")).toThrow(new DuplicateKeyError(4));
  });

  it("GIVEN 3,000 random documents in several styles WHEN parsed by both THEN results agree, and most take the fast path", () => {
    let fastCount = 0;
    const styles = [{}, { indentSeq: false }, { collectionStyle: "flow" as const }, { defaultStringType: "QUOTE_DOUBLE" as const }, { defaultStringType: "QUOTE_SINGLE" as const }, { lineWidth: 0, indentSeq: true }];
    for (let seed = 1; seed <= 3000; seed++) {
      const next = random(seed);
      const value = { apiVersion: "v1", kind: "Thing", spec: randomValue(next, 0) };
      const text = stringify(value, styles[seed % styles.length]);
      if (compare(text) === "fast") fastCount++;
    }
    expect(fastCount).toBeGreaterThan(2000);
  });

  it("GIVEN 3,000 mutated documents WHEN parsed by both THEN the fast parser never disagrees with yaml", () => {
    const base = stringify({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "a", labels: { x: "1" } }, spec: { template: { spec: { containers: [{ name: "c", args: ["a", "b"], env: [{ name: "A", value: "1" }] }] } }, script: "line1\nline2\n" } });
    const pieces = ["\n", ": ", "- ", "  ", "[", "]", "{", "}", ",", "'", '"', "#", " #", "|", ">", "-", "?", "x", "1", "\\"];
    for (let seed = 1; seed <= 3000; seed++) {
      const next = random(seed);
      let text = base;
      for (let edit = 0; edit < 1 + Math.floor(next() * 3); edit++) {
        const at = Math.floor(next() * text.length);
        text = next() < 0.6 ? text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
      }
      compare(text);
    }
  });

  it.each([
    { name: "folded lines", text: 'a:\n  description: "one\n    two\n\n    three\n\n\n    four"\n  type: string\n' },
    { name: "spaces before a line break (dropped) and an escaped space (kept)", text: 'a: "one   \n  two\\ \n  three"\n' },
    { name: "escaped line breaks", text: 'a: "no\\\n  space, \\\n\n  then an empty line"\n' },
    { name: "every escape", text: 'a: "\\0\\a\\b\\e\\f\\n\\r\\t\\v\\N\\_\\L\\P\\ \\"\\/\\\\ \\x41\\u00e9\\U0001F600\n  end"\n' },
    { name: "escaped quotes and backslashes across lines", text: 'a: "say \\"hi\n  \\\\\\" there\\\\"\nb: x\n' },
    { name: "a comment after the closing quote", text: 'a: "one\n  two" # c\nb: "x" # d\n' },
    { name: "a sequence item", text: '- "one\n  two"\n- "three\n\n  four"\n' },
    { name: "a mapping inside a sequence item", text: 'a:\n- b: "one\n    two"\n  c: x\n' },
    { name: "a value on the line after its key", text: 'a:\n  "one\n  two"\nb: x\n' },
    { name: "quotes, colons and hashes inside", text: "a: \"k: v # not a comment\n  - not an item\n  'single'\"\n" },
    { name: "non-breaking and other Unicode spaces at line ends (content in YAML)", text: 'a: "one\u00a0\n  \u3000two\u2028"\nb: x\u00a0\nc: \'y\u00a0\'\nd:\n  e\n  f\u00a0\n' },
  ])("GIVEN a multi-line double-quoted scalar ($name) WHEN parsed fast THEN it equals the yaml package's result without falling back", ({ text }) => {
    expect(compare(text)).toBe("fast");
  });

  it.each([
    { name: "an escape YAML does not have", text: 'a: "one\\q\n  two"\n' },
    { name: "a short \\u escape", text: 'a: "one\n  \\u00e"\n' },
    { name: "a code point beyond Unicode", text: 'a: "\\UFFFFFFFF"\n' },
    { name: "a continuation line not indented enough", text: 'a:\n  b: "one\n  two"\n' },
    { name: "text after the closing quote", text: 'a: "one\n  two" three\n' },
    { name: "a comment with no space before it", text: 'a: "one\n  two"# c\n' },
    { name: "a quote left open", text: 'a: "one\n  two\n' },
    { name: "a multi-line key", text: '"one\n  two": x\n' },
  ])("GIVEN a double-quoted scalar with $name WHEN parsed fast THEN it is left to the yaml package", ({ text }) => {
    expect(parseFastYaml(text)).toBe(FALLBACK);
    expect(parseWithYaml(text).error).toBe(true);
  });

  it("GIVEN 5,000 adversarial quoted and plain scalars in every block context WHEN parsed by both THEN the fast parser never disagrees with yaml", () => {
    const pieces = ["a", "b c", " ", "   ", "\n", "\n\n", "\n   \n", "\\\n", "\\ ", '\\"', "\\\\", "\\n", "\\x41", "\\u00e9", "\\U0001F600", "\\N", "\\_", "\\e", "\\0", "\\/", "#", " #", ": ", ":", "- ", "'", "''", '"', "\u00a0", "\u2028", "\u3000", "\u0085", "---", "...", "\\q", "\\x4", "\\UFFFFFFFF", "{", "[", "]", "|", ">", "&a", "*a", "!", "%", "@", "yes", "0755", "~"];
    const contexts = [
      (scalar: string) => `a: ${scalar}\nb: x\n`,
      (scalar: string) => `- ${scalar}\n- x\n`,
      (scalar: string) => `a:\n- b: ${scalar}\n  c: x\n`,
      (scalar: string) => `a:\n  ${scalar}\nb: x\n`,
      (scalar: string) => `a:\n  b: ${scalar}\n  c: x\nd: y\n`,
      (scalar: string) => `a: ${scalar} # comment\n`,
      (scalar: string) => `a:\n  - ${scalar}\n  - x\n`,
    ];
    let fast = 0;
    for (let seed = 1; seed <= 5000; seed++) {
      const next = random(seed);
      const quote = ['"', '"', "'", ""][Math.floor(next() * 4)] as string;
      let body = "";
      for (let piece = Math.floor(next() * 8); piece >= 0; piece--) {
        body += pieces[Math.floor(next() * pieces.length)];
        // Each line break is followed by an indentation from none to deeper than any parent.
        if (body.endsWith("\n")) body += " ".repeat(Math.floor(next() * 7));
      }
      const context = contexts[Math.floor(next() * contexts.length)] as (scalar: string) => string;
      if (compare(context(`${quote}${body}${quote}`)) === "fast") fast++;
    }
    // Most quoted scalars are valid YAML: the fast path must take a fair share of them.
    expect(fast).toBeGreaterThan(1500);
  });
});

describe("parseFastYaml on Slipway's own files", () => {
  it("GIVEN every golden file of Slipway's own output WHEN parsed by both THEN they agree", () => {
    const golden = join(REPO_ROOT, "test", "golden");
    let documents = 0;
    for (const path of yamlFilesBelow(golden)) {
      for (const document of splitYamlStream(normalizeLineBreaks(readFileSync(path, "utf8")))) {
        compare(document.text);
        documents++;
      }
    }
    expect(documents).toBeGreaterThan(100);
  });
});
