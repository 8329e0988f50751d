/**
 * Compiles JSON Schemas with ajv, once each, cached by `apiVersion/kind@version` (the
 * kubeconform lesson: compiling dominates validation, so never compile twice).
 *
 * Each schema gets two validators: a fast one that stops at the first error, run on every
 * object, and an exhaustive one compiled only when an object fails, to report every error.
 *
 * Compiling a large schema (a PodSpec, Argo CD's Application) takes ajv hundreds of
 * milliseconds, so compiled validators are also kept across runs: ajv's standalone code is
 * written to `${XDG_CACHE_HOME:-~/.cache}/slipway/validators/`, keyed by a fingerprint of
 * the schema and the ajv version; a later run loads the code instead of compiling. The
 * fingerprint of a converted schema is that of its source (the bundle file, the CRD's
 * openAPIV3Schema) and the converter's version, so a warm run neither converts nor
 * compiles. `SLIPWAY_NO_CACHE=1` turns the disk cache off.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { threadId } from "node:worker_threads";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { kubernetesSchemaBundle, kubernetesSchemaBundleFingerprint } from "./kubernetes-schema-bundle.js";
import { CONVERTER_VERSION, definitionsToJsonSchema, type JsonSchema } from "./to-json-schema.js";

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

const compiled = new Map<string, CompiledSchema>();

/** `$id` of the schema holding every built-in definition of a Kubernetes version. */
export function kubernetesDefinitionsId(minor: string): string {
  return `https://slipway.invalid/kubernetes/v${minor}/definitions.json`;
}

const registeredVersions = new Set<string>();

/** Adds a version's definitions, converted, to ajv: only when something must really be compiled. */
function registerKubernetesDefinitions(minor: string): void {
  if (registeredVersions.has(minor)) return;
  const schema = { $id: kubernetesDefinitionsId(minor), definitions: definitionsToJsonSchema(kubernetesSchemaBundle(minor).definitions) };
  ajvCompilers().fast.addSchema(schema);
  ajvCompilers().exhaustive.addSchema(schema);
  registeredVersions.add(minor);
}

/**
 * A validator for a built-in definition of Kubernetes `minor`, compiled once. The hash of
 * the bundle file (and the converter's version) stands for the converted definitions, so a
 * run whose validators are cached converts nothing.
 */
export function compileKubernetesDefinition(minor: string, definition: string, cacheKey: string): CompiledSchema {
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  const fingerprint = `${kubernetesSchemaBundleFingerprint(minor)}/${CONVERTER_VERSION}/${definition}`;
  return compileCached(cacheKey, () => ({ $ref: `${kubernetesDefinitionsId(minor)}#/definitions/${definition}` }), fingerprint, () => registerKubernetesDefinitions(minor));
}

/**
 * A validator for a self-contained schema (a chart's values schema), compiled once per
 * key. A pattern JavaScript cannot compile (RE2 differs at the edges) is dropped rather
 * than failing the whole schema.
 */
export function compileSelfContained(cacheKey: string, schema: JsonSchema): CompiledSchema {
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  return compileCached(cacheKey, () => schema, hash(JSON.stringify(schema)), () => {});
}

/**
 * A validator for a self-contained schema that is made (`schema()`) only when no compiled
 * validator is cached for `fingerprint`, which must identify what `schema()` returns (a
 * CRD version's: the hash of its source schema and the converter's version).
 */
export function compileByFingerprint(cacheKey: string, fingerprint: string, schema: () => JsonSchema): CompiledSchema {
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  return compileCached(cacheKey, schema, fingerprint, () => {});
}

function compileCached(cacheKey: string, schema: () => JsonSchema, fingerprint: string, prepare: () => void): CompiledSchema {
  let withoutBadPatterns: JsonSchema | undefined;
  const usable = (patterns: boolean) => (patterns ? schema() : (withoutBadPatterns ??= withoutPatterns(schema()) as JsonSchema));
  // A schema with a pattern JavaScript cannot compile is cached without it: look for both.
  let patterns = true;
  let fastValidate = cachedValidator(`${fingerprint}/fast`);
  if (fastValidate === undefined) {
    fastValidate = cachedValidator(`${fingerprint}/fast/no-patterns`);
    if (fastValidate !== undefined) patterns = false;
  }
  if (fastValidate === undefined) {
    try {
      fastValidate = compileAndStore("fast", usable(true), `${fingerprint}/fast`, prepare);
    } catch {
      patterns = false;
      fastValidate = compileAndStore("fast", usable(false), `${fingerprint}/fast/no-patterns`, prepare);
    }
  }
  const fast = fastValidate;
  let exhaustiveValidate: ValidateFunction | undefined;
  const result: CompiledSchema = {
    validate(document) {
      if (fast(document)) return undefined;
      const exhaustiveFingerprint = `${fingerprint}/exhaustive${patterns ? "" : "/no-patterns"}`;
      exhaustiveValidate ??= cachedValidator(exhaustiveFingerprint) ?? compileAndStore("exhaustive", usable(patterns), exhaustiveFingerprint, prepare);
      exhaustiveValidate(document);
      return exhaustiveValidate.errors ?? fast.errors ?? [];
    },
  };
  compiled.set(cacheKey, result);
  return result;
}

function cacheFile(fingerprint: string): string | undefined {
  const directory = cacheDirectory();
  return directory === undefined ? undefined : join(directory, `${hash(`${CACHE_FORMAT}/${AJV_VERSION}/${fingerprint}`)}.cjs`);
}

/** The validator cached on disk for `fingerprint`, if any (a damaged entry counts as none). */
function cachedValidator(fingerprint: string): ValidateFunction | undefined {
  const file = cacheFile(fingerprint);
  if (file === undefined) return undefined;
  let code: string;
  try {
    code = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    return evaluate(code, file);
  } catch {
    // Recompiled and rewritten by the caller.
    return undefined;
  }
}

/** Compiles a validator and stores its code in the disk cache. */
function compileAndStore(mode: "fast" | "exhaustive", schema: JsonSchema, fingerprint: string, prepare: () => void): ValidateFunction {
  prepare();
  const { standaloneCode } = ajvCompilers();
  const ajv = ajvCompilers()[mode];
  const validate = ajv.compile(schema);
  const file = cacheFile(fingerprint);
  if (file === undefined) return validate;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${threadId}.tmp`;
    writeFileSync(temporary, standaloneCode(ajv, validate));
    renameSync(temporary, file);
  } catch {
    // The cache is an optimisation: a read-only home only costs compile time.
  }
  return validate;
}

/**
 * Runs a cached validator's code. Large schemas give megabytes of code, which V8 would
 * parse and compile again on every run (5.6 s for 231 validators): its code cache, kept
 * beside the code (`.v8`, rewritten when V8 rejects it, after a Node.js upgrade), makes
 * that 0.7 s.
 */
function evaluate(code: string, file: string): ValidateFunction {
  const codeCache = `${file}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    // Not cached yet: written below.
  }
  const script = new Script(`(function (module, exports, require) {${code}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module: { exports: unknown } = { exports: {} };
  // The code is ajv's own output, written by this process family into the user's cache.
  (script.runInThisContext() as (module: unknown, exports: unknown, require: NodeJS.Require) => void)(module, module.exports, require);
  const validate = module.exports as ValidateFunction;
  if (typeof validate !== "function") throw new Error("not a validator");
  if (cachedData === undefined || script.cachedDataRejected === true) {
    try {
      const temporary = `${codeCache}.${process.pid}.${threadId}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, codeCache);
    } catch {
      // Only costs compile time on the next run.
    }
  }
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
