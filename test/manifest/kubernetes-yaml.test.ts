import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { KUBERNETES_YAML_OPTIONS, parseGoInteger } from "../../src/manifest/kubernetes-yaml.js";

describe("KUBERNETES_YAML_OPTIONS", () => {
  const value = (yaml: string) => (parse(`v: ${yaml}\n`, KUBERNETES_YAML_OPTIONS) as { v: unknown }).v;

  // go-yaml v2 resolve.go: the YAML 1.1 booleans, ParseInt(base 0) after removing `_`, yamlStyleFloat; no timestamps or sexagesimals.
  it.each([
    ["y", true], ["Yes", true], ["ON", true], ["n", false], ["No", false], ["off", false], ["yEs", "yEs"], ["oN", "oN"],
    ["0755", 493], ["-0755", -493], ["08", 8], ["0o17", 15], ["0O17", 15], ["0b11", 3], ["0B11", 3], ["0x1F", 31], ["0X1f", 31], ["1_000", 1000], ["0x", "0x"],
    ["1.", 1], [".5", 0.5], ["1e3", 1000], ["1_0.5", 10.5], [".", "."], [".e3", ".e3"],
    ["1:30", "1:30"], ["190:20:30", "190:20:30"], ["2026-11-30", "2026-11-30"], ["2026-11-30T01:02:03Z", "2026-11-30T01:02:03Z"],
    ["~", null], ["Null", null],
  ])("GIVEN the plain scalar %s WHEN parsed THEN %j", (yaml, expected) => {
    expect(value(yaml)).toStrictEqual(expected);
  });

  it("GIVEN merge keys with one and several mappings WHEN parsed THEN merged, own keys first", () => {
    expect(parse("a: &a {x: 1, y0: 2}\nb: &b {z: 3}\nc:\n  <<: [*a, *b]\n  x: 9\nd:\n  <<: *b\n", KUBERNETES_YAML_OPTIONS)).toEqual({ a: { x: 1, y0: 2 }, b: { z: 3 }, c: { x: 9, y0: 2, z: 3 }, d: { z: 3 } });
  });

  it("GIVEN a key YAML 1.1 reads as a boolean WHEN parsed THEN it becomes the string true, as sigs.k8s.io/yaml converts it", () => {
    expect(parse("y: 1\nno: 2\n", KUBERNETES_YAML_OPTIONS)).toEqual({ true: 1, false: 2 });
  });
});

describe("parseGoInteger", () => {
  it.each([
    ["0", 0], ["+12", 12], ["-0x1A", -26], ["0_7_7", 63], ["0b", "0b"],
  ])("GIVEN %s WHEN parsed THEN %j", (text, expected) => {
    expect(parseGoInteger(text)).toStrictEqual(expected);
  });
});
