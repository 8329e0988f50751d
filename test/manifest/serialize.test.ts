import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { KUBERNETES_YAML_OPTIONS } from "../../src/manifest/kubernetes-yaml.js";
import { toYaml } from "../../src/manifest/serialize.js";

describe("toYaml", () => {
  it("GIVEN keys in any order WHEN serialised THEN apiVersion, kind, metadata first and the rest sorted", () => {
    expect(toYaml({ spec: { b: 1, a: 2 }, metadata: { name: "x" }, kind: "K", apiVersion: "v1" })).toBe("apiVersion: v1\nkind: K\nmetadata:\n  name: x\nspec:\n  a: 2\n  b: 1\n");
  });

  // Every string YAML 1.1 (go-yaml v2, which kubectl uses) would read as another type.
  it.each(["yes", "Yes", "YES", "y", "Y", "no", "n", "N", "on", "ON", "off", "Off", "true", "False", "null", "~", "", "0755", "08", "0o17", "0b101", "0x1F", "1_000", "12", "-3", "1.10", "1e3", ".5", ".inf", ".NaN"])(
    "GIVEN the string label value %j WHEN serialised THEN it is quoted, and Kubernetes reads it back as that string",
    (value) => {
      const text = toYaml({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team", labels: { backup: value } } });
      expect(text).toMatch(/backup: ["']/);
      expect((parse(text, KUBERNETES_YAML_OPTIONS) as { metadata: { labels: Record<string, unknown> } }).metadata.labels.backup).toBe(value);
    },
  );

  it.each(["hello", "2026-11-30", "1:30", "v1.2", "yEs", "."])("GIVEN the string %j, a string for Kubernetes too WHEN serialised THEN it stays plain", (value) => {
    expect(toYaml({ value })).toBe(`value: ${value}\n`);
  });

  it("GIVEN keys YAML 1.1 would read as booleans WHEN serialised THEN they are quoted too", () => {
    expect(toYaml({ y: 1, n: 2, on: 3 })).toBe('"n": 2\n"on": 3\n"y": 1\n');
  });

  it("GIVEN booleans and numbers WHEN serialised THEN they stay plain", () => {
    expect(toYaml({ a: true, b: false, c: 3, d: 1.5, e: null })).toBe("a: true\nb: false\nc: 3\nd: 1.5\ne: null\n");
  });
});
