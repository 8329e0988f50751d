import { describe, expect, it } from "vitest";
import { splitYamlStream } from "../../../src/check/load/split-yaml-stream.js";

describe("splitYamlStream", () => {
  it.each([
    { name: "one document", text: "a: 1\n", expected: [{ text: "a: 1\n", line: 1, index: 0 }] },
    { name: "leading separator", text: "---\na: 1\n", expected: [{ text: "a: 1\n", line: 2, index: 0 }] },
    { name: "two documents", text: "a: 1\n---\nb: 2\n", expected: [{ text: "a: 1\n", line: 1, index: 0 }, { text: "b: 2\n", line: 3, index: 1 }] },
    { name: "empty and comment-only documents are dropped", text: "---\n# only a comment\n---\n---\nb: 2\n", expected: [{ text: "b: 2\n", line: 5, index: 0 }] },
    { name: "separator with trailing comment", text: "a: 1\n--- # next\nb: 2", expected: [{ text: "a: 1\n", line: 1, index: 0 }, { text: "b: 2", line: 3, index: 1 }] },
    { name: "document end marker", text: "a: 1\n...\nb: 2\n", expected: [{ text: "a: 1\n", line: 1, index: 0 }, { text: "b: 2\n", line: 3, index: 1 }] },
    { name: "---- is content, not a separator", text: "a: |\n  x\n----\n", expected: [{ text: "a: |\n  x\n----\n", line: 1, index: 0 }] },
    { name: "indented --- inside a block scalar is content", text: "a: |\n  ---\n  b\n", expected: [{ text: "a: |\n  ---\n  b\n", line: 1, index: 0 }] },
    { name: "blank lines of spaces and tabs are dropped", text: "  \t \n---\nb: 2\n", expected: [{ text: "b: 2\n", line: 3, index: 0 }] },
    { name: "comments, indented comments and a %YAML directive are no content", text: "%YAML 1.2\n  # a\n\t# b\n \n---\nb: 2\n", expected: [{ text: "b: 2\n", line: 6, index: 0 }] },
    { name: "content after comment lines, on a last line without a line break", text: "# a\n\n  \t# b\n  c", expected: [{ text: "# a\n\n  \t# b\n  c", line: 1, index: 0 }] },
    { name: "a line of spaces before a tab and content is content", text: " \t x: 1\n", expected: [{ text: " \t x: 1\n", line: 1, index: 0 }] },
    { name: "a line of U+00A0 is content (a YAML scalar), not white space", text: "\u00a0\n---\nb: 2\n", expected: [{ text: "\u00a0\n", line: 1, index: 0 }, { text: "b: 2\n", line: 3, index: 1 }] },
  ])("GIVEN $name WHEN split THEN documents keep their start line", ({ text, expected }) => {
    expect(splitYamlStream(text)).toEqual(expected);
  });
});
