import { describe, expect, it } from "vitest";
import { IllTyped, toCelValue } from "../../../src/check/schema/cel-values.js";

const schema = {
  type: "object",
  properties: {
    replicas: { type: "integer" },
    ratio: { type: "number" },
    port: { "x-kubernetes-int-or-string": true },
    mode: { type: "string", default: "Auto" },
    note: { type: "string", nullable: true },
    tags: { type: "object", additionalProperties: { type: "integer" } },
    free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    list: { type: "array", items: { type: "integer" } },
  },
};

describe("CRD values as CEL sees them", () => {
  it.each([
    { name: "an integer field", value: { replicas: 3 }, expected: new Map<string, unknown>([["replicas", 3n]]) },
    { name: "a number field given a whole number", value: { ratio: 2 }, expected: new Map<string, unknown>([["ratio", 2]]) },
    { name: "int-or-string given each", value: { port: 80 }, expected: new Map<string, unknown>([["port", 80n]]) },
    { name: "a field with a default, as written (the caller defaults: structural-defaults.ts)", value: { mode: "Manual" }, expected: new Map<string, unknown>([["mode", "Manual"]]) },
    { name: "no default applied here", value: {}, expected: new Map<string, unknown>() },
    { name: "null pruned unless nullable", value: { replicas: null, note: null }, expected: new Map<string, unknown>([["note", null]]) },
    { name: "an unknown field pruned", value: { extra: 1 }, expected: new Map<string, unknown>() },
    { name: "map values typed by additionalProperties", value: { tags: { a: 1 } }, expected: new Map<string, unknown>([["tags", new Map([["a", 1n]])]]) },
    { name: "free-form values kept, whole numbers as ints", value: { free: { a: 1, b: 1.5 } }, expected: new Map<string, unknown>([["free", new Map<string, unknown>([["a", 1n], ["b", 1.5]])]]) },
    { name: "a field named __proto__ kept as data", value: JSON.parse('{"tags": {"__proto__": 1}}'), expected: new Map<string, unknown>([["tags", new Map([["__proto__", 1n]])]]) },
  ])("GIVEN $name WHEN converted THEN the CEL value is typed by the schema", ({ value, expected }) => {
    expect(toCelValue(value, schema)).toEqual(expected);
  });

  it.each([
    { name: "a string in an integer field", value: { replicas: "3" } },
    { name: "a fraction in an integer field", value: { replicas: 1.5 } },
    { name: "a boolean in int-or-string", value: { port: true } },
    { name: "an object in a list of integers", value: { list: [{}] } },
  ])("GIVEN $name WHEN converted THEN IllTyped: the API server runs no rule on a type error", ({ value }) => {
    expect(() => toCelValue(value, schema)).toThrow(IllTyped);
  });

  it("GIVEN declared fields whose names are no CEL identifiers WHEN converted THEN they are named as upstream's Escape names them, and a name it cannot escape is unreachable", () => {
    const names = ["namespace", "if", "foo-bar", "a.b", "x/y", "x__y", "1abc", "a b", "plain_name"];
    const escaping = { type: "object", properties: Object.fromEntries(names.map((name) => [name, { type: "integer" }])) };
    const value = toCelValue(Object.fromEntries(names.map((name, index) => [name, index])), escaping) as Map<string, unknown>;
    expect([...value.keys()]).toEqual(["__namespace__", "__if__", "foo__dash__bar", "a__dot__b", "x__slash__y", "x__underscores__y", "plain_name"]);
  });

  it("GIVEN map keys and free-form fields WHEN converted THEN they are not escaped: CEL indexes them as strings", () => {
    expect(toCelValue({ tags: { namespace: 1 }, free: { "a-b": 2 } }, schema)).toEqual(new Map<string, unknown>([["tags", new Map([["namespace", 1n]])], ["free", new Map([["a-b", 2n]])]]));
  });

  it("GIVEN the root WHEN converted THEN apiVersion and kind are readable (even when the schema omits them) and metadata exposes only name and generateName", () => {
    const root = toCelValue({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "a", namespace: "n", labels: { x: "y" } } }, { type: "object", properties: { metadata: { type: "object" } } }, true);
    expect(root).toEqual(new Map<string, unknown>([["apiVersion", "example.com/v1"], ["kind", "Widget"], ["metadata", new Map([["name", "a"]])]]));
  });
});
