/**
 * Checks values against a chart's `values.schema.json` the way Helm does: the chart's
 * defaults coalesced with the given values, then each subchart that has a schema with
 * its own defaults, its section of the parent's values and the globals. Compiled by the
 * checker's schema compiler (ajv, cached on disk across runs).
 */
import { createHash } from "node:crypto";
import { compileSelfContained, type CompiledSchema } from "../check/schema/schema-compiler.js";
import type { JsonSchema } from "../check/schema/to-json-schema.js";
import { isPlainObject } from "../manifest/plain-object.js";
import type { PackagedChart } from "./packaged-chart.js";

export interface SchemaProblem {
  /** Dotted path of the offending value inside the chart's values (`subchart.key` for subcharts). */
  readonly path: string;
  readonly message: string;
}

export function valuesSchemaProblems(chart: PackagedChart, values: Record<string, unknown>): SchemaProblem[] {
  return check(chart, coalesce(chart.values, values), []);
}

function check(chart: PackagedChart, merged: Record<string, unknown>, prefix: readonly string[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (chart.valuesSchema !== undefined) {
    const errors = compile(chart.valuesSchema).validate(merged);
    if (errors !== undefined) {
      for (const error of errors) {
        const segments = error.instancePath.split("/").slice(1).map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
        const extra = error.keyword === "additionalProperties" ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : "";
        problems.push({ path: [...prefix, ...segments].join(".") || "(values)", message: `${error.message ?? error.keyword}${extra}` });
      }
    }
  }
  const global = isPlainObject(merged.global) ? merged.global : {};
  for (const [key, subchart] of chart.subcharts) {
    const section = isPlainObject(merged[key]) ? merged[key] : {};
    const subchartValues = coalesce(subchart.values, section);
    subchartValues.global = coalesce(isPlainObject(subchartValues.global) ? subchartValues.global : {}, global);
    problems.push(...check(subchart, subchartValues, [...prefix, key]));
  }
  return dedupe(problems);
}

/** Helm's coalescing: maps merge deeply, the override wins, null deletes a default. */
export function coalesce(defaults: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key])) result[key] = coalesce(result[key] as Record<string, unknown>, value);
    else result[key] = value;
  }
  return result;
}

// Compiled once per schema and kept on disk across runs by the checker's schema compiler:
// compiling a large chart schema (Loki's) takes ajv seconds.
function compile(schema: Record<string, unknown>): CompiledSchema {
  let compiled = compiledSchemas.get(schema);
  if (compiled === undefined) {
    const fingerprint = createHash("sha256").update(JSON.stringify(schema)).digest("hex").slice(0, 16);
    compiled = compileSelfContained(`chart-values-schema/${fingerprint}`, withoutDraftMarkers(schema) as JsonSchema);
    compiledSchemas.set(schema, compiled);
  }
  return compiled;
}

const compiledSchemas = new WeakMap<object, CompiledSchema>();

// The checker's ajv reads draft-07; `$schema` and `$id` are dropped so a 2020-12 schema
// compiles there and two charts sharing an `$id` do not collide. Chart schemas use only
// keywords both drafts share (`$defs` resolves as a JSON pointer either way).
function withoutDraftMarkers(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
