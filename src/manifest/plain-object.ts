/**
 * The object test for decoded YAML and JSON: a mapping, not null and not a list. Parsed
 * documents hold no class instances, so "object and not array" is the whole test; what a
 * caller reads from a mapping it still checks field by field.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
