/**
 * Kubernetes OpenAPI v3 schemas (built-in definitions and CRD structural schemas) →
 * JSON Schema draft-07 that both ajv and kubeconform validate with the API server's
 * strict semantics:
 *
 * - unknown fields are errors (strict field validation): objects with `properties` get
 *   `additionalProperties: false` unless `x-kubernetes-preserve-unknown-fields` says otherwise;
 * - `x-kubernetes-int-or-string` accepts an integer or a string, whatever else is written;
 * - `x-kubernetes-embedded-resource` objects may carry `apiVersion`, `kind`, `metadata`;
 * - `null` is accepted wherever a value is: the API server treats it as "not set" for
 *   built-in types and prunes it for custom resources;
 * - `format` is checked only for the formats Kubernetes itself checks the same way;
 *   a Go duration (`10s`) is not an ISO 8601 duration, so `duration` gets its own pattern;
 *   CRD formats that a Kubernetes version introduced (apiextensions-apiserver
 *   `supportedVersionedFormats`: `k8s-short-name` and `k8s-long-name` from 1.34) are
 *   checked from that version on, as patterns; older API servers ignore them;
 * - OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07 numbers;
 * - `allOf`/`anyOf`/`oneOf`/`not` branches are value validations only, as in a structural
 *   schema: which fields exist is decided by the structural part (the schema's own
 *   `properties`), so a branch never gets `additionalProperties: false` (with it, a valid
 *   object failed every branch that names only some of its fields);
 * - defaults are applied before validation by the API server: a field with a `default` is
 *   always present by then, so it is dropped from `required` lists (the object's and its
 *   branches'), which is exactly what defaulting does to those checks. The checker also
 *   applies the defaults to the object before validating (structural-defaults.ts), since a
 *   branch may constrain a defaulted field's value; kubeconform, given these schemas, cannot.
 */
import type { OpenApiSchema } from "./kubernetes-schema-bundle.js";
import { UNENFORCED_REQUIRED } from "./unenforced-required.js";
import { compareVersions } from "../../compare-versions.js";

export type JsonSchema = Record<string, unknown>;

/**
 * Version of what this conversion (and `rootSchema` in custom-resource-schemas.ts) makes
 * of a schema. Compiled validators are cached on disk by the hash of the *source* schema
 * and this number, so a change to the conversion's result must bump it, or old validators
 * stay in use; to-json-schema.test.ts fails until it is bumped.
 */
export const CONVERTER_VERSION = 3;

export interface ConversionOptions {
  /**
   * What an object schema with neither `properties` nor `additionalProperties` means.
   * Built-in types use it for free-form values (`RawExtension`, `FieldsV1`): open. In a CRD
   * structural schema such an object has no known fields: closed.
   */
  readonly emptyObject: "open" | "closed";
  /**
   * The Kubernetes minor the schema is checked for (`1.34`): formats introduced later are
   * ignored, as that API server ignores them.
   * @default formats of every version ignored but those all versions check
   */
  readonly kubernetesVersion?: string;
}

interface Context extends ConversionOptions {
  /** Inside an allOf/anyOf/oneOf/not branch: value validation only, no unknown-field closing. */
  readonly inBranch?: boolean;
  /** Fields of the enclosing object that have a default, so are present when branches run. */
  readonly defaulted?: ReadonlySet<string>;
}

/** Quantity strings as `resource.ParseQuantity` accepts them (`500m`, `1.5Gi`, `1e3`): manifest/quantity.ts. */
import { QUANTITY_PATTERN } from "../../manifest/quantity.js";
export { QUANTITY_PATTERN };
export const QUANTITY_DEFINITION = "io.k8s.apimachinery.pkg.api.resource.Quantity";
export const INT_OR_STRING_DEFINITION = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

const GO_DURATION_PATTERN = "^[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|µs|ms|s|m|h))+$|^0$";

/** Formats Kubernetes validates as ajv-formats does; every other format is informative only. */
const CHECKED_FORMATS = new Set(["int32", "int64", "byte", "date-time", "ipv4", "ipv6", "uuid"]);

/**
 * CRD formats a Kubernetes version introduced (kube-openapi strfmt's IsShortName and
 * IsLongName), keyed as go-openapi normalises a format's name (dashes dropped).
 */
const VERSIONED_FORMATS: Readonly<Record<string, { readonly since: string; readonly pattern: string; readonly maxLength: number }>> = {
  k8sshortname: { since: "1.34", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 },
  k8slongname: { since: "1.34", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", maxLength: 253 },
};

const PASSED_KEYWORDS = ["enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "required"];

export function toJsonSchema(schema: OpenApiSchema, options: ConversionOptions): JsonSchema {
  return convert(schema, options);
}

function convert(schema: OpenApiSchema, options: Context): JsonSchema {
  if (typeof schema.$ref === "string") return { $ref: schema.$ref };
  if (schema["x-kubernetes-int-or-string"] === true) {
    const result: JsonSchema = { type: ["integer", "string", "null"] };
    if (typeof schema.pattern === "string") result.pattern = schema.pattern;
    return result;
  }
  const result: JsonSchema = {};
  for (const keyword of PASSED_KEYWORDS) if (schema[keyword] !== undefined) result[keyword] = schema[keyword];
  const defaulted = new Set([...(options.inBranch ? (options.defaulted ?? []) : []), ...defaultedProperties(schema)]);
  if (Array.isArray(schema.required) && defaulted.size > 0) {
    const required = (schema.required as unknown[]).filter((name) => typeof name !== "string" || !defaulted.has(name));
    if (required.length > 0) result.required = required;
    else delete result.required;
  }
  if (Array.isArray(schema.enum) && schema.nullable === true) result.enum = [...(schema.enum as unknown[]), null];
  if (schema.exclusiveMinimum === true && typeof schema.minimum === "number") {
    delete result.minimum;
    result.exclusiveMinimum = schema.minimum;
  }
  if (schema.exclusiveMaximum === true && typeof schema.maximum === "number") {
    delete result.maximum;
    result.exclusiveMaximum = schema.maximum;
  }
  const format = schema.format;
  let formatCheck: JsonSchema | undefined;
  if (typeof format === "string") {
    const versioned = VERSIONED_FORMATS[format.replaceAll("-", "")];
    if (format === "duration" && schema.type === "string") result.pattern ??= GO_DURATION_PATTERN;
    else if (CHECKED_FORMATS.has(format)) result.format = format;
    else if (versioned !== undefined && schema.type === "string" && options.kubernetesVersion !== undefined && compareVersions(options.kubernetesVersion, versioned.since) >= 0) {
      formatCheck = { pattern: versioned.pattern, maxLength: versioned.maxLength };
    }
  }
  const branchContext: Context = { ...options, inBranch: true, defaulted };
  for (const combinator of ["allOf", "anyOf", "oneOf"] as const) {
    const branches = schema[combinator];
    if (Array.isArray(branches)) result[combinator] = branches.map((branch) => convert(branch as OpenApiSchema, branchContext));
  }
  if (schema.not !== undefined) result.not = convert(schema.not as OpenApiSchema, branchContext);
  if (formatCheck !== undefined) {
    // The schema's own pattern and maxLength, if any, must hold as well: the format's go beside them.
    if (result.pattern === undefined && result.maxLength === undefined) Object.assign(result, formatCheck);
    else result.allOf = [...((result.allOf as JsonSchema[] | undefined) ?? []), formatCheck];
  }

  const type = schema.type;
  if (typeof type === "string") result.type = [type, "null"];
  if (type === "array" && schema.items !== undefined) result.items = convert(schema.items as OpenApiSchema, { ...options, defaulted: new Set() });
  if (type === "object" || schema.properties !== undefined) convertObject(schema, result, options);
  return result;
}

function convertObject(schema: OpenApiSchema, result: JsonSchema, options: Context): void {
  const preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"] === true;
  const properties = schema.properties as Record<string, OpenApiSchema> | undefined;
  const converted: Record<string, JsonSchema> = {};
  // A property's own schema starts a new object: its defaults are its own.
  const inner: Context = { ...options, defaulted: new Set() };
  for (const [name, property] of Object.entries(properties ?? {})) converted[name] = convert(property, inner);
  if (schema["x-kubernetes-embedded-resource"] === true) {
    converted.apiVersion ??= { type: ["string", "null"] };
    converted.kind ??= { type: ["string", "null"] };
    converted.metadata ??= { type: ["object", "null"] };
  }
  if (Object.keys(converted).length > 0) result.properties = converted;
  const additional = schema.additionalProperties;
  if (additional !== undefined) {
    result.additionalProperties = typeof additional === "boolean" ? additional : convert(additional as OpenApiSchema, inner);
  } else if (preserveUnknown || options.inBranch) {
    // Unknown fields are kept as they are (or, in a branch, are the structural part's business).
  } else if (properties !== undefined || options.emptyObject === "closed") {
    result.additionalProperties = false;
  }
}

function defaultedProperties(schema: OpenApiSchema): string[] {
  const properties = schema.properties as Record<string, OpenApiSchema> | undefined;
  if (properties === undefined || properties === null || typeof properties !== "object") return [];
  return Object.entries(properties)
    .filter(([, property]) => property !== null && typeof property === "object" && property.default !== undefined)
    .map(([name]) => name);
}

/**
 * Converts the built-in definitions of a bundle. Quantity and IntOrString are rewritten as
 * union types (faster than `oneOf`, same verdicts) and Quantity strings get their grammar.
 */
export function definitionsToJsonSchema(definitions: Readonly<Record<string, OpenApiSchema>>): Record<string, JsonSchema> {
  const result: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(definitions)) {
    if (name === QUANTITY_DEFINITION) result[name] = { type: ["string", "number", "null"], pattern: QUANTITY_PATTERN };
    else if (name === INT_OR_STRING_DEFINITION) result[name] = { type: ["integer", "string", "null"] };
    else result[name] = withoutUnenforcedRequired(name, toJsonSchema(schema, { emptyObject: "open" }));
  }
  return result;
}

/** A built-in definition without the `required` entries its Go validation does not enforce (unenforced-required.ts). */
function withoutUnenforcedRequired(name: string, schema: JsonSchema): JsonSchema {
  const unenforced = UNENFORCED_REQUIRED[name];
  if (unenforced === undefined || !Array.isArray(schema.required)) return schema;
  const required = (schema.required as unknown[]).filter((field) => typeof field !== "string" || !unenforced.includes(field));
  const { required: _dropped, ...rest } = schema;
  return required.length > 0 ? { ...rest, required } : rest;
}

/** The definitions a root definition reaches, for writing self-contained schema files. */
export function reachableDefinitions(root: string, definitions: Readonly<Record<string, JsonSchema>>): string[] {
  const seen = new Set<string>();
  const pending = [root];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name) || definitions[name] === undefined) continue;
    seen.add(name);
    collectReferences(definitions[name], pending);
  }
  return [...seen].sort();
}

function collectReferences(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") into.push(item.replace("#/definitions/", ""));
      else collectReferences(item, into);
    }
  }
}
