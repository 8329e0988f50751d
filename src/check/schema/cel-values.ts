/**
 * A custom resource's value as the API server hands it to a CEL rule: typed by the CRD's
 * structural schema and pruned (and, by the caller, defaulted first).
 *
 * - `type: integer` is a CEL `int` (a bigint here), `type: number` a `double`, so
 *   `self.replicas % 2 == 0` and `x.values.size() >= x.minValues` type as they do upstream;
 *   `x-kubernetes-int-or-string` is an `int` or a `string` as written;
 * - objects are CEL maps (a JavaScript Map, so any field name is safe), their declared fields
 *   under the names upstream's Escape gives them (`__namespace__`, `foo__dash__bar`). Defaults are not
 *   applied here: the caller converts the object applyStructuralDefaults returns
 *   (structural-defaults.ts), the one defaulting the schema step validates too, as the API
 *   server defaults before it validates;
 * - a `null` is pruned unless the schema says `nullable`, and fields the schema does not
 *   know are pruned unless `x-kubernetes-preserve-unknown-fields` keeps them;
 * - at the root, `apiVersion` and `kind` are always readable and `metadata` exposes only
 *   `name` and `generateName`, as upstream.
 *
 * A value whose JSON type is not the schema's is `IllTyped`: the API server does not run
 * CEL rules on an object with type errors (the schema finding already says what is wrong).
 *
 * Not modelled: strings with `format: date-time`/`duration`/`byte` stay strings (upstream
 * they are timestamps, durations and bytes), so a rule that needs those types fails to
 * evaluate and is reported as not evaluated, never as a violation.
 */
import type { CelInput } from "@bufbuild/cel";
import type { OpenApiSchema } from "./kubernetes-schema-bundle.js";
import { isPlainObject } from "../../manifest/plain-object.js";

/** Thrown when a value does not have its schema's type; callers skip the object's rules. */
export class IllTyped extends Error {}

/** `value` as CEL sees it under `schema`; `undefined` when the API server would prune it. */
export function toCelValue(value: unknown, schema: OpenApiSchema | undefined, root = false): CelInput | undefined {
  if (value === undefined) return undefined;
  if (value === null) return schema?.nullable === true ? null : undefined;
  if (schema === undefined) return untyped(value);
  if (schema["x-kubernetes-int-or-string"] === true) {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    throw new IllTyped();
  }
  switch (schema.type) {
    case "integer":
      if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
      throw new IllTyped();
    case "number":
      if (typeof value === "number") return value;
      throw new IllTyped();
    case "string":
      if (typeof value === "string") return value;
      throw new IllTyped();
    case "boolean":
      if (typeof value === "boolean") return value;
      throw new IllTyped();
    case "array": {
      if (!Array.isArray(value)) throw new IllTyped();
      const items = asSchema(schema.items);
      return value.map((item) => toCelValue(item, items) ?? null);
    }
    case "object":
      if (!isPlainObject(value)) throw new IllTyped();
      return objectValue(value, schema, root);
    default:
      // No type: a free-form value (x-kubernetes-preserve-unknown-fields) or one given by branches.
      return isPlainObject(value) && schema.properties !== undefined ? objectValue(value, schema, root) : untyped(value);
  }
}

function objectValue(value: Record<string, unknown>, schema: OpenApiSchema, root: boolean): Map<string, CelInput> {
  const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, OpenApiSchema>) : {};
  const additional = schema.additionalProperties;
  const keepUnknown = schema["x-kubernetes-preserve-unknown-fields"] === true || additional === true;
  const embedded = schema["x-kubernetes-embedded-resource"] === true;
  const result = new Map<string, CelInput>();
  for (const [name, field] of Object.entries(value)) {
    let converted: CelInput | undefined;
    if (root && name === "metadata") converted = rootMetadata(field);
    else if (root && (name === "apiVersion" || name === "kind")) converted = typeof field === "string" ? field : undefined;
    else if (Object.hasOwn(properties, name)) {
      // A declared field is reachable only by its escaped name (`self.__namespace__`), and not at all when it has none.
      const escaped = celEscape(name);
      if (escaped === undefined) continue;
      converted = toCelValue(field, asSchema(properties[name]));
      if (converted !== undefined) result.set(escaped, converted);
      continue;
    }
    else if (isPlainObject(additional)) converted = toCelValue(field, additional as OpenApiSchema);
    else if (keepUnknown || (embedded && (name === "apiVersion" || name === "kind" || name === "metadata"))) converted = untyped(field);
    if (converted !== undefined) result.set(name, converted);
  }
  return result;
}

/** CEL's reserved words, which upstream escapes as `__word__` (k8s.io/apiserver pkg/cel escaping.go). */
const CEL_RESERVED = new Set(["true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"]);
const ESCAPES: Readonly<Record<string, string>> = { __: "__underscores__", ".": "__dot__", "-": "__dash__", "/": "__slash__" };

/**
 * A declared property's name as CEL rules spell it (upstream's Escape): reserved words as
 * `__namespace__`, and `__`, `.`, `-`, `/` as `__underscores__`, `__dot__`, `__dash__`,
 * `__slash__`; undefined (unreachable) when it starts with a digit or holds another character.
 */
export function celEscape(name: string): string | undefined {
  if (name === "" || /^[0-9]/.test(name)) return undefined;
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  let escapable = true;
  const escaped = name.replace(/__|[-./]|[^a-zA-Z0-9\-./_]/g, (match) => {
    const replacement = ESCAPES[match];
    if (replacement === undefined) escapable = false;
    return replacement ?? "";
  });
  return escapable ? escaped : undefined;
}

/** Upstream's root `metadata` in CEL: only `name` and `generateName` are readable. */
function rootMetadata(value: unknown): CelInput | undefined {
  if (!isPlainObject(value)) return undefined;
  const result = new Map<string, CelInput>();
  for (const name of ["name", "generateName"]) if (typeof value[name] === "string") result.set(name, value[name] as string);
  return result;
}

/** A value no schema types: JSON numbers that are whole are ints, as upstream decodes them. */
function untyped(value: unknown): CelInput {
  if (value === null) return null;
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(untyped);
  if (isPlainObject(value)) return new Map(Object.entries(value).map(([key, item]) => [key, untyped(item)]));
  throw new IllTyped();
}

function asSchema(value: unknown): OpenApiSchema | undefined {
  return isPlainObject(value) ? (value as OpenApiSchema) : undefined;
}
