/**
 * A custom resource with the defaults of its CRD's structural schema applied, as the API
 * server applies them before it validates (k8s.io/apiextensions-apiserver
 * `pkg/apiserver/schema/defaulting/algorithm.go`, `Default`):
 *
 * - a property of an object that is absent, or `null` where the schema is not `nullable`,
 *   gets a deep copy of its `default`; so does a `null` list item or map value whose
 *   `items`/`additionalProperties` schema has a default and is not nullable;
 * - then every property is defaulted by its own schema (the defaults just set included),
 *   every value of a map by `additionalProperties`, every list item by `items`.
 *
 * The schema step validates the defaulted object and the CEL step (cel-validations.ts)
 * builds `self` from it: one defaulting, the same for both, as the API server's.
 *
 * Defaults only live in the structural part of a schema (`properties`, `items`,
 * `additionalProperties`): a structural schema allows none under `allOf`/`anyOf`/`oneOf`/
 * `not`. Those branches, though, see the defaulted value: Gateway API's address
 * `oneOf: [{type: IPAddress, value: ipv4|ipv6}, {type: not IPAddress}]` with
 * `type: {default: IPAddress}` matches exactly one branch only once `type` is set.
 *
 * Copy on write: the input is never changed, objects on the way to a default are copied,
 * everything else is shared. An object whose schema holds no default is returned as is.
 */
import type { OpenApiSchema } from "./kubernetes-schema-bundle.js";
import { isPlainObject } from "../../manifest/plain-object.js";

/** `value` defaulted by `schema`; the same reference when nothing was defaulted. */
export function applyStructuralDefaults(value: unknown, schema: OpenApiSchema | undefined): unknown {
  if (schema === undefined || !hasDefaults(schema)) return value;
  return defaulted(value, schema);
}

function defaulted(value: unknown, schema: OpenApiSchema): unknown {
  if (Array.isArray(value)) {
    const items = asSchema(schema.items);
    if (items === undefined || !defaultsAnything(items)) return value;
    let result: unknown[] | undefined;
    value.forEach((item, index) => {
      const next = defaulted(nullDefaulted(item, items), items);
      if (next !== item) (result ??= [...value])[index] = next;
    });
    return result ?? value;
  }
  if (!isPlainObject(value)) return value;
  const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
  const additional = asSchema(schema.additionalProperties);
  let result: Record<string, unknown> | undefined;
  for (const [name, raw] of Object.entries(properties)) {
    const property = asSchema(raw);
    if (property?.default === undefined) continue;
    const current = value[name];
    if (current === undefined || (current === null && property.nullable !== true)) (result ??= { ...value })[name] = structuredClone(property.default);
  }
  const source = result ?? value;
  for (const [name, field] of Object.entries(source)) {
    const known = Object.hasOwn(properties, name);
    const fieldSchema = known ? asSchema(properties[name]) : additional;
    if (fieldSchema === undefined || !defaultsAnything(fieldSchema)) continue;
    // A property's own null was defaulted above; a map value's is defaulted here.
    const next = defaulted(known ? field : nullDefaulted(field, fieldSchema), fieldSchema);
    if (next !== field) (result ??= { ...value })[name] = next;
  }
  return result ?? value;
}

/** A list item's or map value's `null`, where its schema is not nullable, is its schema's default. */
function nullDefaulted(value: unknown, schema: OpenApiSchema): unknown {
  return value === null && schema.nullable !== true && schema.default !== undefined ? structuredClone(schema.default) : value;
}

/** Whether defaulting under `schema` can change a value: it has a default itself or below it. */
function defaultsAnything(schema: OpenApiSchema): boolean {
  return schema.default !== undefined || hasDefaults(schema);
}

/** Whether a schema's structural part declares any default: memoised, schemas are shared and immutable. */
const declaresDefaults = new WeakMap<object, boolean>();

function hasDefaults(schema: OpenApiSchema): boolean {
  const known = declaresDefaults.get(schema);
  if (known !== undefined) return known;
  // Set first, so a schema that reaches itself ends the walk.
  declaresDefaults.set(schema, false);
  const properties = isPlainObject(schema.properties) ? Object.values(schema.properties) : [];
  const children = [...properties, schema.items, schema.additionalProperties].map(asSchema).filter((child): child is OpenApiSchema => child !== undefined);
  const result = children.some((child) => child.default !== undefined || hasDefaults(child));
  declaresDefaults.set(schema, result);
  return result;
}

function asSchema(value: unknown): OpenApiSchema | undefined {
  return isPlainObject(value) ? (value as OpenApiSchema) : undefined;
}

/**
 * `value` without the `null`s of object fields and map values whose schema is neither
 * nullable nor defaulted, as the API server removes them before it validates a custom
 * resource (apiextensions-apiserver `PruneNonNullableNullsWithoutDefaults`, run by the
 * custom resource handler): `template: null` in a required field is a missing field. List
 * items and fields the schema does not know are left. Copy on write, as above.
 */
export function pruneNonNullableNulls(value: unknown, schema: OpenApiSchema | undefined): unknown {
  if (Array.isArray(value)) {
    const items = schema === undefined ? undefined : asSchema(schema.items);
    let result: unknown[] | undefined;
    value.forEach((item, index) => {
      const next = pruneNonNullableNulls(item, items);
      if (next !== item) (result ??= [...value])[index] = next;
    });
    return result ?? value;
  }
  if (!isPlainObject(value)) return value;
  const properties = schema !== undefined && isPlainObject(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
  const additional = schema === undefined ? undefined : asSchema(schema.additionalProperties);
  let result: Record<string, unknown> | undefined;
  for (const [name, field] of Object.entries(value)) {
    const fieldSchema = Object.hasOwn(properties, name) ? asSchema(properties[name]) : additional;
    if (field === null && fieldSchema !== undefined && fieldSchema.nullable !== true && fieldSchema.default === undefined) {
      result ??= { ...value };
      delete result[name];
      continue;
    }
    const next = pruneNonNullableNulls(field, fieldSchema);
    if (next !== field) (result ??= { ...value })[name] = next;
  }
  return result ?? value;
}
