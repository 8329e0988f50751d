import { describe, expect, it } from "vitest";
import { chartValuesProblems } from "../../src/charts/chart-values-problems.js";
import type { PackagedChart } from "../../src/charts/packaged-chart.js";

const chart: PackagedChart = {
  name: "demo",
  version: "1.0.0",
  values: { replicas: 1, service: { port: 80 } },
  valuesSchema: { type: "object", properties: { replicas: { type: "integer" } } },
  templates: new Map(),
  crdFiles: new Map(),
  subcharts: new Map(),
};

describe("chartValuesProblems", () => {
  it("GIVEN values that fit WHEN checked THEN there is no problem", () => {
    expect(chartValuesProblems(chart, { replicas: 2, service: { port: 8080 } })).toEqual([]);
  });

  it("GIVEN unknown keys and a schema violation WHEN checked THEN each is one sentence, keys first", () => {
    expect(chartValuesProblems(chart, { replicas: "2", service: { prot: 1 }, zzzzzzzz: 1 })).toEqual([
      "unknown key service.prot (nearest existing key: service.port)",
      "unknown key zzzzzzzz (no similar key; that level has: global, replicas, service)",
      "values.schema.json: replicas must be integer",
    ]);
  });
});
