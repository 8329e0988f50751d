/**
 * Safe readers over untrusted JSON. Objects come from any repository, so every field may
 * have the wrong type; rules read through these and treat a wrong type as absent (schema
 * validation reports the wrong type itself, once).
 */
import { isPlainObject } from "../../../manifest/plain-object.js";

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return isPlainObject(value) ? value : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The items of a list that are objects. Read for every container, port and rule of the input: a plain loop, no array per item. */
export function asRecords(value: unknown): JsonRecord[] {
  const records: JsonRecord[] = [];
  if (!Array.isArray(value)) return records;
  for (const item of value as readonly unknown[]) {
    const record = asRecord(item);
    if (record) records.push(record);
  }
  return records;
}

/** A field that is there: neither absent nor null, as Go's `!= nil` reads a decoded pointer, slice or map. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A string field that must be non-empty to mean anything (names, keys). */
export function asName(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `a.b.c` without throwing on any missing or mistyped step. */
export function getPath(value: unknown, ...path: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const record = asRecord(current);
    if (!record) return undefined;
    current = record[key];
  }
  return current;
}

/** Only the string-valued entries of a map (labels, annotations, selectors). */
export function asStringMap(value: unknown): Record<string, string> {
  const record = asRecord(value);
  const result: Record<string, string> = {};
  if (!record) return result;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") result[key] = item;
  }
  return result;
}
