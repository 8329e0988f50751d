/**
 * Compiles JSON Schemas with ajv, once each, cached by `apiVersion/kind@version` (the
 * kubeconform lesson: compiling dominates validation, so never compile twice).
 *
 * Each schema gets two validators: a fast one that stops at the first error, run on every
 * object, and an exhaustive one compiled only when an object fails, to report every error.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { kubernetesSchemaBundle } from "./kubernetes-schema-bundle.js";
import { definitionsToJsonSchema, type JsonSchema } from "./to-json-schema.js";

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export interface CompiledSchema {
  /** Undefined when valid, else every error. */
  validate(document: unknown): readonly ErrorObject[] | undefined;
}

function newAjv(allErrors: boolean): Ajv {
  // strict off: Kubernetes schemas use union types and keywords ajv's strict mode questions;
  // unicodeRegExp off: CRD patterns are Go RE2 expressions, closer to non-unicode JS regexes.
  const ajv = new Ajv({ allErrors, verbose: allErrors, strict: false, unicodeRegExp: false, validateSchema: false, addUsedSchema: false, inlineRefs: false, code: { optimize: false } });
  addFormats(ajv);
  return ajv;
}

const fast = newAjv(false);
const exhaustive = newAjv(true);
const registeredVersions = new Set<string>();
const compiled = new Map<string, CompiledSchema>();

/** `$id` of the schema holding every built-in definition of a Kubernetes version. */
export function kubernetesDefinitionsId(minor: string): string {
  return `https://slipway.invalid/kubernetes/v${minor}/definitions.json`;
}

function registerKubernetesDefinitions(minor: string): void {
  if (registeredVersions.has(minor)) return;
  const definitions = definitionsToJsonSchema(kubernetesSchemaBundle(minor).definitions);
  const schema = { $id: kubernetesDefinitionsId(minor), definitions };
  fast.addSchema(schema);
  exhaustive.addSchema(schema);
  registeredVersions.add(minor);
}

/** A validator for a built-in definition of Kubernetes `minor`, compiled once. */
export function compileKubernetesDefinition(minor: string, definition: string, cacheKey: string): CompiledSchema {
  registerKubernetesDefinitions(minor);
  return compileCached(cacheKey, { $ref: `${kubernetesDefinitionsId(minor)}#/definitions/${definition}` });
}

/**
 * A validator for a self-contained schema (a CRD version's), compiled once per key. A
 * pattern JavaScript cannot compile (RE2 differs at the edges) is dropped rather than
 * failing the whole schema.
 */
export function compileSelfContained(cacheKey: string, schema: JsonSchema): CompiledSchema {
  return compileCached(cacheKey, schema);
}

function compileCached(cacheKey: string, schema: JsonSchema): CompiledSchema {
  const existing = compiled.get(cacheKey);
  if (existing) return existing;
  let fastValidate: ValidateFunction;
  let usable = schema;
  try {
    fastValidate = fast.compile(usable);
  } catch {
    usable = withoutPatterns(schema) as JsonSchema;
    fastValidate = fast.compile(usable);
  }
  let exhaustiveValidate: ValidateFunction | undefined;
  const result: CompiledSchema = {
    validate(document) {
      if (fastValidate(document)) return undefined;
      exhaustiveValidate ??= exhaustive.compile(usable);
      exhaustiveValidate(document);
      return exhaustiveValidate.errors ?? fastValidate.errors ?? [];
    },
  };
  compiled.set(cacheKey, result);
  return result;
}

function withoutPatterns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPatterns);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "pattern" && typeof item === "string" && !compiles(item)) continue;
    result[key] = key === "properties" ? mapValues(item as Record<string, unknown>, withoutPatterns) : withoutPatterns(item);
  }
  return result;
}

function mapValues(record: Record<string, unknown>, map: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
