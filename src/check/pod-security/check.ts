/**
 * What a Pod Security check is (upstream `policy/checks.go`): a stable id, the level it
 * belongs to, and versioned pure functions of the pod. A behaviour change adds a version;
 * a released version is never edited, so a namespace pinned to `v1.25` keeps its verdicts.
 */
import type { PodMetadata, PodSpec } from "./pod-spec.js";

export type CheckLevel = "baseline" | "restricted";

/** One Pod Security check's verdict on one pod (upstream policy.CheckResult; not the checker's CheckResult of check.ts). */
export interface PodCheckResult {
  readonly allowed: boolean;
  /** Short and stable (`hostPort`); set when not allowed. */
  readonly forbiddenReason?: string;
  /** The containers and values concerned (`container "api" uses hostPort 8080`); optional. */
  readonly forbiddenDetail?: string;
}

export type CheckPodFunction = (podMetadata: PodMetadata, podSpec: PodSpec) => PodCheckResult;

export interface VersionedCheck {
  /** First policy version (minor of `v1.<minor>`) this function applies to. */
  readonly minimumVersion: number;
  readonly checkPod: CheckPodFunction;
  /**
   * Baseline checks this one replaces at the restricted level from this version on,
   * because it enforces a strictly stronger rule on the same fields.
   */
  readonly overrideCheckIds?: readonly string[];
}

export interface Check {
  /** Stable id, as upstream spells it: `hostPorts`, `capabilities_restricted`. */
  readonly id: string;
  readonly level: CheckLevel;
  /** Strictly increasing minimum versions. */
  readonly versions: readonly VersionedCheck[];
}

export const ALLOWED: PodCheckResult = { allowed: true };

/** `"a", "b"` — how upstream quotes names and values in details. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? "" : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Go compares strings bytewise (UTF-8), which is code point order, not UTF-16 order. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i]!.codePointAt(0) ?? 0) - (right[i]!.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** Sorted distinct values, as upstream's `sets.String.List()` returns them. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}

/** Every container in upstream's order: init containers, containers, ephemeral containers. */
export function* allContainers(podSpec: PodSpec) {
  yield* podSpec.initContainers;
  yield* podSpec.containers;
  yield* podSpec.ephemeralContainers;
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
  '"': '\\"', "\\": "\\\\",
};

/** Go's `%q` (strconv.Quote) for the strings annotation values are: control characters escaped. */
export function goQuote(value: string): string {
  let quoted = '"';
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    const escape = GO_ESCAPES[character];
    if (escape !== undefined) quoted += escape;
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, "0")}`;
    else quoted += character;
  }
  return `${quoted}"`;
}
