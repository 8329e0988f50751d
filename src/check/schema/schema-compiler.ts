/**
 * Compiles JSON Schemas with ajv, once each, cached by `apiVersion/kind@version` (the
 * kubeconform lesson: compiling dominates validation, so never compile twice).
 *
 * Each schema gets two validators: a fast one that stops at the first error, run on every
 * object, and an exhaustive one compiled only when an object fails, to report every error.
 *
 * Compiling a large schema (a PodSpec, Argo CD's Application) takes ajv hundreds of
 * milliseconds, so compiled validators are also kept across runs: ajv's standalone code is
 * written to `${XDG_CACHE_HOME:-~/.cache}/slipway/validators/`, keyed by a hash of the
 * schema, the ajv version and the options; a later run loads the code instead of
 * compiling. `SLIPWAY_NO_CACHE=1` turns the disk cache off.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { kubernetesSchemaBundle } from "./kubernetes-schema-bundle.js";
import { definitionsToJsonSchema, type JsonSchema } from "./to-json-schema.js";

const require = createRequire(import.meta.url);
const AJV_VERSION = (require("ajv/package.json") as { version: string }).version;
/** Bump when the generated code's meaning changes without the schemas changing. */
const CACHE_FORMAT = 1;

export interface CompiledSchema {
  /** Undefined when valid, else every error. */
  validate(document: unknown): readonly ErrorObject[] | undefined;
}

/**
 * ajv itself is loaded only when a schema must really be compiled: with the disk cache
 * warm, validators need nothing but ajv's small runtime helpers.
 */
interface Compilers {
  readonly fast: Ajv;
  readonly exhaustive: Ajv;
  readonly standaloneCode: (ajv: Ajv, validate: ValidateFunction) => string;
}
let compilers: Compilers | undefined;
function ajvCompilers(): Compilers {
  if (compilers === undefined) {
    const standalone = require("ajv/dist/standalone/index.js") as { default: Compilers["standaloneCode"] };
    compilers = { fast: newAjv(false), exhaustive: newAjv(true), standaloneCode: standalone.default };
  }
  return compilers;
}

function newAjv(allErrors: boolean): Ajv {
  const { Ajv: AjvClass, _ } = require("ajv") as typeof import("ajv");
  const addFormats = (require("ajv-formats") as { default: (ajv: Ajv) => Ajv }).default;
  // strict off: Kubernetes schemas use union types and keywords ajv's strict mode questions;
  // unicodeRegExp off: CRD patterns are Go RE2 expressions, closer to non-unicode JS regexes;
  // inlineRefs and optimize off: they multiply compile time on schemas this large.
  const ajv = new AjvClass({
    allErrors,
    verbose: allErrors,
    strict: false,
    unicodeRegExp: false,
    validateSchema: false,
    addUsedSchema: false,
    inlineRefs: false,
    code: { optimize: false, source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);
  return ajv;
}

const definitionsFingerprints = new Map<string, string>();
const compiled = new Map<string, CompiledSchema>();

/** `$id` of the schema holding every built-in definition of a Kubernetes version. */
export function kubernetesDefinitionsId(minor: string): string {
  return `https://slipway.invalid/kubernetes/v${minor}/definitions.json`;
}

const definitionSchemas = new Map<string, JsonSchema>();
const registeredVersions = new Set<string>();

/** A version's definitions as one schema, and their fingerprint for cache keys; computed once. */
function kubernetesDefinitions(minor: string): { schema: JsonSchema; fingerprint: string } {
  let schema = definitionSchemas.get(minor);
  if (schema === undefined) {
    schema = { $id: kubernetesDefinitionsId(minor), definitions: definitionsToJsonSchema(kubernetesSchemaBundle(minor).definitions) };
    definitionSchemas.set(minor, schema);
    definitionsFingerprints.set(minor, hash(JSON.stringify(schema)));
  }
  return { schema, fingerprint: definitionsFingerprints.get(minor) as string };
}

/** Adds a version's definitions to ajv, only when something must really be compiled. */
function registerKubernetesDefinitions(minor: string): void {
  if (registeredVersions.has(minor)) return;
  const { schema } = kubernetesDefinitions(minor);
  ajvCompilers().fast.addSchema(schema);
  ajvCompilers().exhaustive.addSchema(schema);
  registeredVersions.add(minor);
}

/** A validator for a built-in definition of Kubernetes `minor`, compiled once. */
export function compileKubernetesDefinition(minor: string, definition: string, cacheKey: string): CompiledSchema {
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  const { fingerprint } = kubernetesDefinitions(minor);
  return compileCached(cacheKey, { $ref: `${kubernetesDefinitionsId(minor)}#/definitions/${definition}` }, `${fingerprint}/${definition}`, () => registerKubernetesDefinitions(minor));
}

/**
 * A validator for a self-contained schema (a CRD version's), compiled once per key. A
 * pattern JavaScript cannot compile (RE2 differs at the edges) is dropped rather than
 * failing the whole schema.
 */
export function compileSelfContained(cacheKey: string, schema: JsonSchema): CompiledSchema {
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  return compileCached(cacheKey, schema, hash(JSON.stringify(schema)), () => {});
}

function compileCached(cacheKey: string, schema: JsonSchema, fingerprint: string, prepare: () => void): CompiledSchema {
  let usable = schema;
  let fastValidate: ValidateFunction;
  try {
    fastValidate = load("fast", usable, `${fingerprint}/fast`, prepare);
  } catch {
    usable = withoutPatterns(schema) as JsonSchema;
    fastValidate = load("fast", usable, `${fingerprint}/fast/no-patterns`, prepare);
  }
  let exhaustiveValidate: ValidateFunction | undefined;
  const result: CompiledSchema = {
    validate(document) {
      if (fastValidate(document)) return undefined;
      exhaustiveValidate ??= load("exhaustive", usable, `${fingerprint}/exhaustive${usable === schema ? "" : "/no-patterns"}`, prepare);
      exhaustiveValidate(document);
      return exhaustiveValidate.errors ?? fastValidate.errors ?? [];
    },
  };
  compiled.set(cacheKey, result);
  return result;
}

/** Loads a validator from the disk cache, or compiles it and stores its code there. */
function load(mode: "fast" | "exhaustive", schema: JsonSchema, fingerprint: string, prepare: () => void): ValidateFunction {
  const directory = cacheDirectory();
  if (directory === undefined) {
    prepare();
    return ajvCompilers()[mode].compile(schema);
  }
  const file = join(directory, `${hash(`${CACHE_FORMAT}/${AJV_VERSION}/${fingerprint}`)}.cjs`);
  let code: string | undefined;
  try {
    code = readFileSync(file, "utf8");
  } catch {
    // Not cached yet.
  }
  if (code !== undefined) {
    try {
      return evaluate(code);
    } catch {
      // A damaged cache entry is recompiled and rewritten below.
    }
  }
  prepare();
  const { standaloneCode } = ajvCompilers();
  const ajv = ajvCompilers()[mode];
  const validate = ajv.compile(schema);
  try {
    mkdirSync(directory, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, standaloneCode(ajv, validate));
    renameSync(temporary, file);
  } catch {
    // The cache is an optimisation: a read-only home only costs compile time.
  }
  return validate;
}

function evaluate(code: string): ValidateFunction {
  const module: { exports: unknown } = { exports: {} };
  // The code is ajv's own output, written by this process family into the user's cache.
  new Function("module", "exports", "require", code)(module, module.exports, require);
  const validate = module.exports as ValidateFunction;
  if (typeof validate !== "function") throw new Error("not a validator");
  return validate;
}

function cacheDirectory(): string | undefined {
  if (process.env.SLIPWAY_NO_CACHE === "1") return undefined;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "slipway", "validators");
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
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
