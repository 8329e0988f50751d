import { describe, expect, it } from "vitest";
import { mergeValues } from "../../../src/gitops/addons/merge-values.js";

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
