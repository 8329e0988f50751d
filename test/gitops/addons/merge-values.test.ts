import { describe, expect, it } from "vitest";
import { mergeValues, nullsOverPlatformValues } from "../../../src/gitops/addons/merge-values.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";

describe("GIVEN platform values and a spec override", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    ["objects merge key by key, recursively", { a: { b: 1, c: { d: 2 } } }, { a: { c: { e: 3 } } }, { a: { b: 1, c: { d: 2, e: 3 } } }],
    ["scalars replace", { replicas: 2 }, { replicas: 3 }, { replicas: 3 }],
    ["arrays replace, never concatenate", { tolerations: [{ key: "a" }] }, { tolerations: [] }, { tolerations: [] }],
    ["null replaces (Helm then drops the chart default)", { resources: { limits: { cpu: "1" } } }, { resources: null }, { resources: null }],
    ["an object replaces a scalar", { image: "x" }, { image: { tag: "1" } }, { image: { tag: "1" } }],
    ["a scalar replaces an object", { image: { tag: "1" } }, { image: "x" }, { image: "x" }],
    ["new keys are added", { a: 1 }, { b: 2 }, { a: 1, b: 2 }],
  ])("WHEN %s THEN the result is as Helm merges values files", (_title, base, override, expected) => {
    expect(mergeValues(base, override)).toEqual(expected);
  });

  it("WHEN merging THEN neither input is changed", () => {
    const base = { a: { b: 1 } };
    const override = { a: { c: 2 } };
    mergeValues(base, override);
    expect(base).toEqual({ a: { b: 1 } });
    expect(override).toEqual({ a: { c: 2 } });
  });

  it("WHEN the override has an own __proto__ key THEN it stays data and no prototype changes", () => {
    const override = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const merged = mergeValues({}, override);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("GIVEN an override with null values", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[][]]>([
    ["null over a platform object", { prometheus: { prometheusSpec: { replicas: 2 } } }, { prometheus: null }, [["prometheus"]]],
    ["null deep inside, beside other changes", { a: { b: { c: 1 }, d: 2 } }, { a: { b: { c: null }, d: 3 } }, [["a", "b", "c"]]],
    ["null over a key only the chart's defaults set (not the platform's)", { a: 1 }, { b: null }, []],
    ["null over a null the platform wrote", { a: null }, { a: null }, []],
    ["no null at all", { a: { b: 1 } }, { a: { b: 2 } }, []],
  ])("WHEN %s THEN the platform keys it would delete are %j", (_title, base, override, expected) => {
    expect(nullsOverPlatformValues(base, override)).toEqual(expected);
  });

  it("WHEN a spec sets kube-prometheus-stack's prometheus to null THEN synth refuses it naming the field, instead of a chart that no longer renders", () => {
    const spec = parseSpec({ addons: { "kube-prometheus-stack": { values: { prometheus: null } } } }, "test");
    expect(() => synthesizeGitOps(spec)).toThrow(
      expect.objectContaining({ code: "SPEC_INVALID", problems: [expect.stringMatching(/^addons\.kube-prometheus-stack\.values\.prometheus: null would delete what the platform sets there/)] }),
    );
  });

  it("WHEN a spec sets a key the platform does not set to null THEN it is kept for Helm to drop the chart default", () => {
    const spec = parseSpec({ addons: { "metrics-server": { values: { podAnnotations: null } } } }, "test");
    expect(synthesizeGitOps(spec).get("apps/system/metrics-server.yaml")).toContain("podAnnotations: null");
  });
});
