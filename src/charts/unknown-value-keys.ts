/**
 * Finds the values key paths a chart does not read (see known-value-keys.ts), each with
 * the nearest key that exists at the same level, in a stable order.
 */
import { isFreeFormKey, type KnownKeys } from "./known-value-keys.js";
import { nearestKey } from "./nearest-key.js";
import { isPlainObject } from "../manifest/plain-object.js";

export interface UnknownValueKey {
  /** Dotted key path, e.g. `controller.replicaCount`. */
  readonly path: string;
  /** The existing key at that level closest to the unknown one, when one is close. */
  readonly nearest?: string;
  /** When none is close: the keys that level has (first 10, sorted). */
  readonly existing?: readonly string[];
}

export function unknownValueKeys(values: Record<string, unknown>, known: KnownKeys): UnknownValueKey[] {
  const found: UnknownValueKey[] = [];
  walk(values, known, [], found);
  return found;
}

function walk(values: Record<string, unknown>, known: KnownKeys, path: readonly string[], found: UnknownValueKey[]): void {
  for (const key of Object.keys(values).sort()) {
    const keyPath = [...path, key];
    const child = known.children.get(key);
    if (child === undefined) {
      const nearest = nearestKey(key, known.children.keys());
      const existing = [...known.children.keys()].sort().slice(0, 10);
      found.push({ path: formatPath(keyPath), ...(nearest !== undefined ? { nearest: formatPath([...path, nearest]) } : { existing }) });
      continue;
    }
    const value = values[key];
    if (child.freeForm || isFreeFormKey(key) || !isPlainObject(value)) continue;
    walk(value, child, keyPath, found);
  }
}

// Keys with dots (annotation-like names) are quoted so the path reads unambiguously.
function formatPath(segments: readonly string[]): string {
  return segments.map((segment) => (/^[A-Za-z0-9_-]+$/.test(segment) ? segment : JSON.stringify(segment))).join(".");
}
