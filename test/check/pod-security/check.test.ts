import { describe, expect, it } from "vitest";
import { allContainers, goQuote, joinQuote, pluralize, sortedSet } from "../../../src/check/pod-security/check.js";
import { readPodSpec } from "../../../src/check/pod-security/pod-spec.js";

describe("check helpers", () => {
  it.each<[string[], string]>([
    [[], ""],
    [["a"], '"a"'],
    [["a", "b"], '"a", "b"'],
  ])("GIVEN %j WHEN quoted THEN %s", (items, quoted) => {
    expect(joinQuote(items)).toBe(quoted);
  });

  it("GIVEN counts WHEN pluralized THEN singular only for one", () => {
    expect([0, 1, 2].map((count) => pluralize("container", "containers", count))).toEqual(["containers", "container", "containers"]);
  });

  it("GIVEN strings WHEN set-sorted THEN distinct, in Go's bytewise order (code points, not UTF-16 units)", () => {
    expect(sortedSet(["b", "a", "b", "10", "9"])).toEqual(["10", "9", "a", "b"]);
    expect(sortedSet(["\u{1F600}", "\uFF5E"])).toEqual(["\uFF5E", "\u{1F600}"]);
  });

  it.each<[string, string]>([
    ["unconfined", '"unconfined"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ["tab\tnew\nline", '"tab\\tnew\\nline"'],
    ["\u0001\u007f", '"\\x01\\x7f"'],
    ["é", '"é"'],
  ])("GIVEN %j WHEN Go-quoted THEN %s", (value, quoted) => {
    expect(goQuote(value)).toBe(quoted);
  });

  it("GIVEN a pod WHEN visiting containers THEN init, regular, then ephemeral, as upstream", () => {
    const spec = readPodSpec({ ephemeralContainers: [{ name: "e" }], containers: [{ name: "c1" }, { name: "c2" }], initContainers: [{ name: "i" }] });
    expect([...allContainers(spec)].map((container) => container.name)).toEqual(["i", "c1", "c2", "e"]);
  });
});
