import { describe, expect, it } from "vitest";
import type { OpenApiSchema } from "../../../src/check/schema/kubernetes-schema-bundle.js";
import { applyStructuralDefaults, pruneNonNullableNulls } from "../../../src/check/schema/structural-defaults.js";

const schema: OpenApiSchema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        mode: { type: "string", default: "fast" },
        note: { type: "string", nullable: true, default: "none" },
        limits: { type: "object", default: {}, properties: { cpu: { type: "string", default: "1" } } },
        addresses: { type: "array", items: { type: "object", properties: { type: { type: "string", default: "IPAddress" }, value: { type: "string" } } } },
        labels: { type: "object", additionalProperties: { type: "object", properties: { weight: { type: "integer", default: 1 } } } },
        choice: { type: "object", oneOf: [{ properties: { kind: { default: "ignored" } } }] },
        pools: { type: "array", items: { type: "object", default: { size: 0 }, properties: { size: { type: "integer" } } } },
        weights: { type: "object", additionalProperties: { type: "integer", default: 0 } },
        notes: { type: "array", items: { type: "string", nullable: true, default: "-" } },
      },
    },
  },
};

describe("applyStructuralDefaults", () => {
  it.each([
    { name: "an absent property", spec: {}, expected: { mode: "fast", note: "none", limits: { cpu: "1" } } },
    { name: "a null where the schema is not nullable", spec: { mode: null, note: null, limits: { cpu: "2" } }, expected: { mode: "fast", note: null, limits: { cpu: "2" } } },
    { name: "list items", spec: { mode: "slow", limits: {}, addresses: [{ value: "1.1.1.1" }, { type: "Hostname", value: "a.example" }] }, expected: { mode: "slow", note: "none", limits: { cpu: "1" }, addresses: [{ type: "IPAddress", value: "1.1.1.1" }, { type: "Hostname", value: "a.example" }] } },
    { name: "map values", spec: { mode: "slow", limits: {}, labels: { a: {}, b: { weight: 3 } } }, expected: { mode: "slow", note: "none", limits: { cpu: "1" }, labels: { a: { weight: 1 }, b: { weight: 3 } } } },
    { name: "a null list item and map value (upstream's Default sets them too)", spec: { mode: "slow", limits: {}, pools: [{ size: 2 }, null], weights: { a: null, b: 3 } }, expected: { mode: "slow", note: "none", limits: { cpu: "1" }, pools: [{ size: 2 }, { size: 0 }], weights: { a: 0, b: 3 } } },
    { name: "a null list item where the items are nullable", spec: { mode: "slow", limits: {}, notes: [null, "x"] }, expected: { mode: "slow", note: "none", limits: { cpu: "1" }, notes: [null, "x"] } },
    { name: "a oneOf branch (no defaults there, as in a structural schema)", spec: { mode: "slow", limits: {}, choice: {} }, expected: { mode: "slow", note: "none", limits: { cpu: "1" }, choice: {} } },
  ])("GIVEN $name WHEN defaulted THEN the API server's defaults are set", ({ spec, expected }) => {
    expect(applyStructuralDefaults({ spec }, schema)).toEqual({ spec: expected });
  });

  it("GIVEN an object WHEN defaulted THEN the input is unchanged and a default is a copy, never shared", () => {
    const input = { spec: { addresses: [{ value: "1.1.1.1" }] } };
    const first = applyStructuralDefaults(input, schema) as { spec: { limits: Record<string, unknown> } };
    const second = applyStructuralDefaults(input, schema) as { spec: { limits: Record<string, unknown> } };
    expect(input).toEqual({ spec: { addresses: [{ value: "1.1.1.1" }] } });
    first.spec.limits.cpu = "changed";
    expect(second.spec.limits).toEqual({ cpu: "1" });
    expect((schema.properties as any).spec.properties.limits.default).toEqual({});
  });

  it("GIVEN a schema without defaults or a value of another type WHEN defaulted THEN the very same value comes back", () => {
    const plain: OpenApiSchema = { type: "object", properties: { spec: { type: "object", properties: { a: { type: "string" } } } } };
    const value = { spec: { a: "x" } };
    expect(applyStructuralDefaults(value, plain)).toBe(value);
    expect(applyStructuralDefaults("text", schema)).toBe("text");
    const complete = { spec: { mode: "slow", note: "n", limits: { cpu: "2" } } };
    expect(applyStructuralDefaults(complete, schema)).toBe(complete);
  });
});

describe("pruneNonNullableNulls", () => {
  const pruning: OpenApiSchema = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        required: ["template"],
        properties: {
          template: { type: "object" },
          note: { type: "string", nullable: true },
          mode: { type: "string", default: "fast" },
          labels: { type: "object", additionalProperties: { type: "string" } },
          items: { type: "array", items: { type: "object", properties: { a: { type: "string" } } } },
        },
      },
    },
  };

  it("GIVEN nulls where the schema is not nullable and has no default WHEN pruned THEN they are gone, as PruneNonNullableNullsWithoutDefaults removes them before validation", () => {
    const input = { spec: { template: null, note: null, mode: null, labels: { x: null, y: "1" }, items: [{ a: null }, null], unknown: null } };
    // A field the schema does not know is left to pruning (and strict validation); list items are never removed.
    expect(pruneNonNullableNulls(input, pruning)).toEqual({ spec: { note: null, mode: null, labels: { y: "1" }, items: [{}, null], unknown: null } });
    expect(input.spec.template).toBeNull();
  });

  it("GIVEN no null to prune WHEN pruned THEN the very same value comes back", () => {
    const value = { spec: { template: {}, labels: { y: "1" } } };
    expect(pruneNonNullableNulls(value, pruning)).toBe(value);
  });
});
