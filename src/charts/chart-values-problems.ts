/**
 * Everything wrong with one Application's values for its chart, as sentences: keys the
 * chart does not read (with the nearest existing key) and violations of the chart's
 * values.schema.json. Pure: the chart is already loaded.
 */
import { knownValueKeys } from "./known-value-keys.js";
import type { PackagedChart } from "./packaged-chart.js";
import { unknownValueKeys } from "./unknown-value-keys.js";
import { valuesSchemaProblems } from "./values-schema.js";

export function chartValuesProblems(chart: PackagedChart, values: Record<string, unknown>): string[] {
  const problems = unknownValueKeys(values, knownValueKeys(chart)).map(
    (unknown) =>
      `unknown key ${unknown.path} (${
        unknown.nearest !== undefined
          ? `nearest existing key: ${unknown.nearest}`
          : unknown.existing !== undefined && unknown.existing.length > 0
            ? `no similar key; that level has: ${unknown.existing.join(", ")}`
            : "that level has no keys"
      })`,
  );
  for (const problem of valuesSchemaProblems(chart, values)) problems.push(`values.schema.json: ${problem.path} ${problem.message}`);
  return problems;
}
