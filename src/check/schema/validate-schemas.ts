/**
 * Validates every object against the schema of its kind: the built-in schema of the
 * target Kubernetes version, or the openAPIV3Schema of the served version of its CRD.
 * An object whose kind has no schema is reported (`unknown-kind`), never skipped.
 */
import type { ErrorObject } from "ajv";
import { describeObject, type Finding, type SourceObject } from "../finding.js";
import { fieldLine, fieldLineText } from "../load/locate-field.js";
import { customResourceJsonSchema, type CustomResourceVersion } from "./custom-resource-schemas.js";
import { kubernetesSchemaBundle } from "./kubernetes-schema-bundle.js";
import type { JsonSchema } from "./to-json-schema.js";
import type { OpenApiSchema } from "./kubernetes-schema-bundle.js";
import { compileByFingerprint, compileKubernetesDefinition, type CompiledSchema } from "./schema-compiler.js";
import { applyStructuralDefaults, pruneNonNullableNulls } from "./structural-defaults.js";

export const SCHEMA_RULE_ID = "schema";
export const UNKNOWN_KIND_RULE_ID = "unknown-kind";

/** More errors than this on one object are summarised: the first ones say what is wrong. */
const MAX_ERRORS_PER_OBJECT = 10;

export interface SchemaValidationOptions {
  /** Target Kubernetes minor version, e.g. "1.35". */
  readonly kubernetesVersion: string;
  /** Custom resource versions by `group/version/kind`. */
  readonly customResources: ReadonlyMap<string, CustomResourceVersion>;
  /**
   * Objects the deprecation rules already report (removed or deprecated API versions): an
   * unknown kind or a CRD's own deprecation notice would only repeat them.
   */
  readonly isReportedElsewhere?: (object: SourceObject) => boolean;
}

export function validateSchemas(objects: readonly SourceObject[], options: SchemaValidationOptions): Finding[] {
  return validateSchemasByObject(objects, options).flat();
}

/** The findings of each object, in the order of `objects`: for joining results validated in several places. */
export function validateSchemasByObject(objects: readonly SourceObject[], options: SchemaValidationOptions): Finding[][] {
  const bundle = kubernetesSchemaBundle(options.kubernetesVersion);
  const builtInKinds = builtInVersionsByKind(bundle.index);
  const result: Finding[][] = [];
  // Resolution per apiVersion/kind is memoised for the run: 5,000 Deployments resolve once.
  const resolved = new Map<string, Resolution>();
  for (const object of objects) {
    const findings: Finding[] = [];
    result.push(findings);
    const key = `${object.apiVersion}/${object.kind}`;
    let resolution = resolved.get(key);
    if (resolution === undefined) {
      resolution = resolve(key, object, options, bundle.index, builtInKinds);
      resolved.set(key, resolution);
    }
    if (resolution.kind === "schema") {
      // A custom resource is defaulted first, as the API server does: oneOf/anyOf/not branches see the defaults;
      // then its non-nullable nulls are pruned, so a required field given null is missing.
      const document =
        resolution.defaults === undefined ? object.document : (pruneNonNullableNulls(applyStructuralDefaults(object.document, resolution.defaults), resolution.defaults) as typeof object.document);
      const errors = resolution.schema.validate(document);
      if (errors) findings.push(...schemaFindings(object, errors));
      if (resolution.deprecation && !options.isReportedElsewhere?.(object)) findings.push({ ...resolution.deprecation, file: object.file, line: object.line, object: describeObject(object) });
    } else if (resolution.kind === "unknown" && !options.isReportedElsewhere?.(object)) {
      findings.push({ ruleId: UNKNOWN_KIND_RULE_ID, severity: "error", file: object.file, line: object.line, object: describeObject(object), message: resolution.message, fix: resolution.fix });
    } else if (resolution.kind === "crd-version-problem" && !options.isReportedElsewhere?.(object)) {
      findings.push({ ...resolution.finding, file: object.file, line: object.line, object: describeObject(object) });
    }
  }
  return result;
}

type Resolution =
  | {
      readonly kind: "schema";
      readonly schema: CompiledSchema;
      /** A CRD version's structural schema, whose defaults are applied before validation. */
      readonly defaults?: OpenApiSchema;
      readonly deprecation?: Omit<Finding, "file" | "line" | "object">;
    }
  | { readonly kind: "no-schema" }
  | { readonly kind: "unknown"; readonly message: string; readonly fix: string }
  | { readonly kind: "crd-version-problem"; readonly finding: Omit<Finding, "file" | "line" | "object"> };

function resolve(
  key: string,
  object: SourceObject,
  options: SchemaValidationOptions,
  index: Readonly<Record<string, string>>,
  builtInKinds: ReadonlyMap<string, string[]>,
): Resolution {
  const definition = index[key];
  if (definition !== undefined) {
    return { kind: "schema", schema: compileKubernetesDefinition(options.kubernetesVersion, definition, `${key}@${options.kubernetesVersion}`) };
  }
  const custom = options.customResources.get(key);
  if (custom !== undefined) return resolveCustom(custom, object, options.customResources);
  const group = object.apiVersion.includes("/") ? object.apiVersion.slice(0, object.apiVersion.indexOf("/")) : "";
  const builtIn = builtInKinds.get(`${group}/${object.kind}`);
  if (builtIn !== undefined) {
    return {
      kind: "unknown",
      message: `${object.kind} ${object.apiVersion} is not served by Kubernetes ${options.kubernetesVersion} (served: ${builtIn.join(", ")})`,
      fix: `use apiVersion ${builtIn[builtIn.length - 1]} (kubectl convert or the API's migration guide shows the field changes)`,
    };
  }
  const otherVersions = [...options.customResources.values()].filter((version) => version.group === group && version.kind === object.kind && version.served);
  if (otherVersions.length > 0) {
    return {
      kind: "unknown",
      message: `${object.kind} ${object.apiVersion} is not a version of its CustomResourceDefinition (served: ${otherVersions.map((version) => `${version.group}/${version.version}`).join(", ")})`,
      fix: `use apiVersion ${otherVersions.map((version) => `${version.group}/${version.version}`).join(" or ")}`,
    };
  }
  return {
    kind: "unknown",
    message: `no schema for ${object.kind} ${object.apiVersion}: not a Kubernetes ${options.kubernetesVersion} kind and no CustomResourceDefinition defines it`,
    fix: "pass the folder of its CustomResourceDefinition with --crds (or include the CRD in the input), or fix apiVersion/kind",
  };
}

function resolveCustom(custom: CustomResourceVersion, object: SourceObject, all: ReadonlyMap<string, CustomResourceVersion>): Resolution {
  if (!custom.served) {
    const served = [...all.values()].filter((version) => version.group === custom.group && version.kind === custom.kind && version.served);
    return {
      kind: "crd-version-problem",
      finding: {
        ruleId: "removed-api",
        severity: "error",
        message: `${object.kind} ${object.apiVersion} is no longer served by its CustomResourceDefinition (served: ${served.map((version) => `${version.group}/${version.version}`).join(", ") || "none"})`,
        fix: served.length > 0 ? `migrate to apiVersion ${served.map((version) => `${version.group}/${version.version}`).join(" or ")}` : "upgrade the manifest to a served version of the CRD",
      },
    };
  }
  const deprecation = custom.deprecated
    ? {
        ruleId: "deprecated-api",
        severity: "warning" as const,
        message: custom.deprecationWarning ?? `${object.kind} ${object.apiVersion} is deprecated by its CustomResourceDefinition`,
        fix: `migrate to the CRD's storage version before this version stops being served`,
      }
    : undefined;
  if (custom.sourceSchema === undefined) return deprecation ? { kind: "crd-version-problem", finding: deprecation } : { kind: "no-schema" };
  // Converted only when its validator is not cached: the source schema's hash identifies it.
  const schema = compileByFingerprint(`${custom.key}@crd:${custom.schemaHash}`, `crd/${custom.schemaHash}`, () => customResourceJsonSchema(custom) as JsonSchema);
  return { kind: "schema", schema, defaults: custom.sourceSchema, ...(deprecation ? { deprecation } : {}) };
}

/** `group/kind` → the apiVersions that serve it in the bundle, oldest first. */
function builtInVersionsByKind(index: Readonly<Record<string, string>>): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const key of Object.keys(index)) {
    const kind = key.slice(key.lastIndexOf("/") + 1);
    const apiVersion = key.slice(0, key.lastIndexOf("/"));
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    const list = result.get(`${group}/${kind}`) ?? [];
    list.push(apiVersion);
    result.set(`${group}/${kind}`, list);
  }
  for (const list of result.values()) list.sort(compareApiVersions);
  return result;
}

/** v1alpha1 < v1beta1 < v1 < v2alpha1 < v2: Kubernetes version priority, oldest first. */
export function compareApiVersions(a: string, b: string): number {
  const rank = (apiVersion: string) => {
    const version = apiVersion.slice(apiVersion.lastIndexOf("/") + 1);
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!match) return [0, 0, 0];
    const stability = match[2] === "alpha" ? 0 : match[2] === "beta" ? 1 : 2;
    return [Number(match[1]), stability, Number(match[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return a < b ? -1 : a > b ? 1 : 0;
}

function schemaFindings(object: SourceObject, errors: readonly ErrorObject[]): Finding[] {
  const schemaFix = `fix the field to match the ${object.kind} ${object.apiVersion} schema (kubectl explain ${object.kind.toLowerCase()} --recursive lists the fields)`;
  const located = new Map<string, { line: number; fix: string }>();
  for (const error of errors) {
    if (isSummaryError(error, errors)) continue;
    const message = errorMessage(error);
    if (!located.has(message)) located.set(message, { line: fieldLine(object.document, errorPath(error)) ?? object.line, fix: quoteFix(object, error) ?? schemaFix });
  }
  const entries = [...located.entries()];
  const shown = entries.slice(0, MAX_ERRORS_PER_OBJECT);
  if (entries.length > shown.length) shown.push([`and ${entries.length - shown.length} more schema errors`, { line: object.line, fix: schemaFix }]);
  return shown.map(([message, { line, fix }]) => ({
    ruleId: SCHEMA_RULE_ID,
    severity: "error" as const,
    file: object.file,
    line,
    object: describeObject(object),
    message,
    fix,
  }));
}

/**
 * A string field given a boolean or a number is, nearly always, an unquoted `yes`, `on`,
 * `0755` or `1.10` that YAML 1.1 (which Kubernetes reads) resolved to another type:
 * kubectl rejects it with "cannot unmarshal bool into ... of type string". The fix says
 * to quote it, quoting the text as written where the source is known.
 */
function quoteFix(object: SourceObject, error: ErrorObject): string | undefined {
  if (error.keyword !== "type" || !String((error.params as { type: unknown }).type).split(",").includes("string")) return undefined;
  if (typeof error.data !== "boolean" && typeof error.data !== "number") return undefined;
  const written = writtenScalar(fieldLineText(object.document, errorPath(error))) ?? String(error.data);
  const reading = typeof error.data === "boolean" ? `the boolean ${String(error.data)}` : `the number ${String(error.data)}`;
  return `quote the value ("${written}"): Kubernetes reads YAML 1.1, where an unquoted ${written} is ${reading}`;
}

/** `  backup: yes # comment` → `yes`; `- on` → `on`; nothing for a flow collection or a quoted value. */
function writtenScalar(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  const match = /^\s*(?:-\s+)?(?:(?:"[^"]*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:\s+)?([^\s#'"{[][^#]*?)\s*(?:#.*)?$/.exec(line);
  return match?.[1];
}

/** Keys and list indexes of the field an error is about: the unknown field itself, else the value at fault. */
function errorPath(error: ErrorObject): (string | number)[] {
  const path: (string | number)[] =
    error.instancePath === "" ? [] : error.instancePath.slice(1).split("/").map((raw) => (/^\d+$/.test(raw) ? Number(raw) : raw.replace(/~1/g, "/").replace(/~0/g, "~")));
  if (error.keyword === "additionalProperties") path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return path;
}

/** `anyOf`/`oneOf` failures repeat what their branches said: keep the branches. */
function isSummaryError(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  if (error.keyword !== "anyOf" && error.keyword !== "oneOf") return false;
  return all.some((other) => other !== error && other.instancePath.startsWith(error.instancePath) && other.keyword !== error.keyword);
}

/** ajv error → the API server's wording where it has one. */
export function errorMessage(error: ErrorObject): string {
  const path = fieldPath(error.instancePath);
  const at = path === "" ? "" : `${path}: `;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown field "${path === "" ? "" : path + "."}${String(params.additionalProperty)}"`;
    case "required":
      return `missing required field "${path === "" ? "" : path + "."}${String(params.missingProperty)}"`;
    case "type":
      return `${at}must be ${String(params.type).split(",").filter((type) => type !== "null").join(" or ")}, got ${typeName(error.data)}`;
    case "enum":
      return `${at}unsupported value ${JSON.stringify(error.data)}: must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "pattern":
      return `${at}${JSON.stringify(error.data)} does not match ${String(params.pattern)}`;
    case "format":
      return `${at}${JSON.stringify(error.data)} is not a valid ${String(params.format)}`;
    case "not":
      // The API server's words; the value matters, as it may be a default the object never wrote.
      return `${at}must not validate the schema (not)${error.data === undefined ? "" : `: ${JSON.stringify(error.data)}`}`;
    default:
      return `${at}${error.message ?? error.keyword}`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? `integer ${value}` : `number ${value}`;
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  return typeof value;
}

/** `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[0].image`. */
export function fieldPath(instancePath: string): string {
  if (instancePath === "") return "";
  let result = "";
  for (const raw of instancePath.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(segment)) result += `[${segment}]`;
    else result += result === "" ? segment : `.${segment}`;
  }
  return result;
}
