/**
 * Checks values against a chart's `values.schema.json` the way Helm does: the chart's
 * defaults coalesced with the given values, then each subchart that has a schema with
 * its own defaults, its section of the parent's values and the globals. Uses ajv with the
 * JSON Schema draft the schema declares (draft-07 unless it says 2019-09 or 2020-12);
 * formats are not asserted, as Helm does not assert them either.
 */
import { createRequire } from "node:module";
import type { Ajv } from "ajv";
import { isPlainObject, type PackagedChart } from "./packaged-chart.js";

const require = createRequire(import.meta.url);

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
    const validate = compile(chart.valuesSchema);
    if (!validate(merged)) {
      for (const error of validate.errors ?? []) {
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

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string; params: unknown }[] | null };

const compiled = new WeakMap<object, Validator>();

function compile(schema: Record<string, unknown>): Validator {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajvFor(String(schema.$schema ?? "")).compile(schema) as Validator;
    compiled.set(schema, validate);
  }
  return validate;
}

const instances = new Map<string, Ajv>();

function ajvFor(draft: string): Ajv {
  const flavour = draft.includes("2020-12") ? "ajv/dist/2020.js" : draft.includes("2019-09") ? "ajv/dist/2019.js" : "ajv";
  let ajv = instances.get(flavour);
  if (ajv === undefined) {
    const module = require(flavour) as { default: new (options: object) => Ajv };
    // strict off: chart schemas are hand-written and use keywords ajv's strict mode questions.
    ajv = new module.default({ allErrors: true, strict: false, validateFormats: false, validateSchema: false });
    instances.set(flavour, ajv);
  }
  return ajv;
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
