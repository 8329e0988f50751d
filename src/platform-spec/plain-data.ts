/**
 * The spec as plain data: objects, lists, strings, numbers, booleans and null, nothing else.
 *
 * A slipway.config.ts can export anything JavaScript builds, and the schema validator reads
 * it as it finds it. What went wrong before this walk: an object that contains itself
 * overflowed the stack ("internal error"); a getter or Proxy that throws ended in the
 * user's stack trace; a BigInt (`3n`) crashed the error message; a Map, Set or Date deeper
 * in the spec has no own fields, so `labels: new Map(...)` became no labels without a word;
 * and YAML's `!!binary` gave a Uint8Array, reported as one problem per byte. The walk
 * copies the value once, reading each property once, and reports every such place with its
 * field path, so a getter's value cannot change between validation and synthesis.
 * Functions and symbols are copied as they are: the schema names them at their field.
 */
import { SlipwayError, type SlipwayErrorCode } from "../errors.js";

/** Deeper than any spec (add-on Helm values included) needs; guards the stack. */
export const MAX_SPEC_DEPTH = 64;

export interface PlainDataContext {
  /** What holds the value, starting a sentence. @default "the spec" */
  readonly what: string;
  /** @default "SPEC_UNREADABLE" */
  readonly code: SlipwayErrorCode;
}

/** A deep copy of `value` as plain data; a SlipwayError naming every field that is not. */
export function toPlainData(value: unknown, where: string, context: PlainDataContext = { what: "the spec", code: "SPEC_UNREADABLE" }): unknown {
  const problems: string[] = [];
  const copy = copyValue(value, [], new Set(), problems);
  if (problems.length > 0) {
    throw new SlipwayError(context.code, `${context.what} is not plain data (${problems.length} place${problems.length === 1 ? "" : "s"}); nothing was written`, {
      where,
      problems,
      fix: `use only objects, lists, strings, numbers, booleans and null (what JSON can hold), at most ${MAX_SPEC_DEPTH} levels deep`,
    });
  }
  return copy;
}

function copyValue(value: unknown, path: readonly (string | number)[], ancestors: Set<object>, problems: string[]): unknown {
  if (typeof value === "bigint") {
    problems.push(`${formatPath(path)}: is the BigInt ${String(value)}n; write the number without the n`);
    return undefined;
  }
  if (value === null || typeof value !== "object") return value;
  if (ancestors.has(value)) {
    problems.push(`${formatPath(path)}: contains itself (a circular reference); give the field its own copy of the value`);
    return undefined;
  }
  if (path.length > MAX_SPEC_DEPTH) {
    problems.push(`${formatPath(path)}: is nested deeper than ${MAX_SPEC_DEPTH} levels; no spec field is this deep`);
    return undefined;
  }
  const kind = objectKind(value);
  if (kind !== undefined) {
    problems.push(`${formatPath(path)}: is ${kind}, not ${path.length === 0 ? "the spec object" : "plain data"}; ${kind === "a Promise" ? "await it where the file builds it" : "write it as an object or a list"}`);
    return undefined;
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const length = read(() => value.length, path, problems);
      if (typeof length !== "number") return undefined;
      const items: unknown[] = [];
      for (let index = 0; index < length; index += 1) {
        items.push(copyValue(read(() => value[index] as unknown, [...path, index], problems), [...path, index], ancestors, problems));
      }
      return items;
    }
    const keys = read(() => Object.keys(value), path, problems);
    if (keys === undefined) return undefined;
    // A null prototype keeps a "__proto__" key an own field, as it is in the input.
    const copy = Object.create(null) as Record<string, unknown>;
    for (const key of keys as string[]) {
      copy[key] = copyValue(read(() => (value as Record<string, unknown>)[key], [...path, key], problems), [...path, key], ancestors, problems);
    }
    return Object.setPrototypeOf(copy, Object.getPrototypeOf(value) === null ? null : Object.prototype) as unknown;
  } finally {
    ancestors.delete(value);
  }
}

/** Reads a property, turning an exception (a getter, a Proxy trap) into a problem. */
function read<T>(get: () => T, path: readonly (string | number)[], problems: string[]): T | undefined {
  try {
    return get();
  } catch (error) {
    problems.push(`${formatPath(path)}: reading it threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}; make it a plain value`);
    return undefined;
  }
}

/**
 * What an object is when it is not a plain object or list (a Promise, a Map, a Date, a
 * Uint8Array, a class instance), or undefined.
 */
export function objectKind(value: object): string | undefined {
  if (Array.isArray(value)) return undefined;
  let prototype: object | null;
  try {
    prototype = Object.getPrototypeOf(value) as object | null;
  } catch {
    return "an object whose prototype cannot be read";
  }
  if (prototype === null || prototype === Object.prototype) return undefined;
  if (value instanceof Promise) return "a Promise";
  const name = (prototype as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : "an object with a prototype";
}

/** A field path as the spec's errors write it: `applications.api-server.canary.steps[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`)).join("") || "(root)";
}
