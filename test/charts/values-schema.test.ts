import { describe, expect, it } from "vitest";
import type { PackagedChart } from "../../src/charts/packaged-chart.js";
import { coalesce, valuesSchemaProblems } from "../../src/charts/values-schema.js";

function chart(values: Record<string, unknown>, valuesSchema?: Record<string, unknown>, subcharts: Record<string, PackagedChart> = {}): PackagedChart {
  return { name: "demo", version: "1.0.0", values, ...(valuesSchema ? { valuesSchema } : {}), templates: new Map(), crdFiles: new Map(), subcharts: new Map(Object.entries(subcharts)) };
}

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://example.com/shared-id",
  type: "object",
  required: ["replicas"],
  properties: { replicas: { type: "integer", minimum: 1 }, mode: { enum: ["a", "b"] } },
};

describe("valuesSchemaProblems", () => {
  it.each([
    ["values that fit", { replicas: 2 }, []],
    ["a required value only the defaults provide", {}, []],
    ["a wrong type", { replicas: "two" }, [{ path: "replicas", message: "must be integer" }]],
    ["a value out of range and one outside the enum", { replicas: 0, mode: "c" }, [{ path: "replicas", message: "must be >= 1" }, { path: "mode", message: "must be equal to one of the allowed values" }]],
    ["null deleting a required default", { replicas: null }, [{ path: "(values)", message: "must have required property 'replicas'" }]],
  ])("GIVEN %s WHEN validated against the chart's schema (defaults coalesced) THEN the problems are %j", (_case, values, expected) => {
    expect(valuesSchemaProblems(chart({ replicas: 1 }, schema), values)).toEqual(expected);
  });

  it("GIVEN two charts whose schemas share an $id and a subchart with its own schema WHEN validated THEN each is checked, the subchart's problems under its key", () => {
    const sub = chart({ replicas: 1 }, schema);
    const problems = valuesSchemaProblems(chart({ replicas: 1 }, { ...schema }, { sub }), { sub: { replicas: "x" } });
    expect(problems).toEqual([{ path: "sub.replicas", message: "must be integer" }]);
  });

  it("GIVEN defaults and overrides WHEN coalesced THEN maps merge deeply, the override wins and null deletes", () => {
    expect(coalesce({ a: { b: 1, c: 2 }, d: 1, e: [1] }, { a: { c: 3 }, d: null, e: [2] })).toEqual({ a: { b: 1, c: 3 }, e: [2] });
  });
});
