/**
 * The check registry (upstream `policy/registry.go`): validates the checks once, then
 * builds one list of check functions per (level, policy version), so that evaluating a
 * pod is a map lookup and a loop. The restricted list holds every restricted check plus
 * the baseline checks that no restricted check overrides at that version.
 */
import type { Check, CheckPodFunction, PodCheckResult } from "./check.js";
import type { PodMetadata, PodSpec } from "./pod-spec.js";
import type { Level, PolicyVersion } from "./policy-level.js";

export interface CheckResultWithId extends PodCheckResult {
  readonly checkId: string;
}

export interface Evaluator {
  /** Newest policy version this evaluator knows; `latest` and newer versions evaluate as it. */
  readonly maxVersion: number;
  /** Results of every check that applies, baseline ids first then restricted, each sorted. */
  evaluatePod(level: Level, version: PolicyVersion, podMetadata: PodMetadata, podSpec: PodSpec): CheckResultWithId[];
}

interface RegisteredCheck {
  readonly id: string;
  readonly checkPod: CheckPodFunction;
  readonly overrideCheckIds: readonly string[];
}

/** Throws when the set breaks upstream's rules: unique ids, valid levels, strictly increasing versions, overrides only of baseline checks. */
export function validateChecks(checks: readonly Check[]): void {
  const levels = new Map<string, string>();
  for (const check of checks) {
    if (levels.has(check.id)) throw new Error(`multiple checks registered for ID ${check.id}`);
    levels.set(check.id, check.level);
    if (check.level !== "baseline" && check.level !== "restricted") {
      throw new Error(`check ${check.id}: invalid level ${String(check.level)}`);
    }
    if (check.versions.length === 0) throw new Error(`check ${check.id}: empty`);
    let previous = -1;
    for (const version of check.versions) {
      if (!Number.isSafeInteger(version.minimumVersion) || version.minimumVersion < 0) {
        throw new Error(`check ${check.id}: undefined version found`);
      }
      if (version.minimumVersion === previous) throw new Error(`check ${check.id}: duplicate version v1.${previous}`);
      if (version.minimumVersion < previous) throw new Error(`check ${check.id}: versions must be strictly increasing`);
      previous = version.minimumVersion;
    }
  }
  for (const check of checks) {
    for (const version of check.versions) {
      if ((version.overrideCheckIds ?? []).length === 0) continue;
      if (check.level !== "restricted") throw new Error(`check ${check.id}: only restricted checks may set overrides`);
      for (const override of version.overrideCheckIds ?? []) {
        const overriddenLevel = levels.get(override);
        if (overriddenLevel !== undefined && overriddenLevel !== "baseline") {
          throw new Error(`check ${check.id}: overrides ${overriddenLevel} check ${override}`);
        }
      }
    }
  }
}

/** For each version from a check's first to `maxVersion`, the function that applies then. */
function inflateVersions(check: Check, maxVersion: number, into: Map<number, Map<string, RegisteredCheck>>): void {
  check.versions.forEach((versioned, index) => {
    const next = check.versions[index + 1]?.minimumVersion ?? maxVersion + 1;
    for (let version = versioned.minimumVersion; version < next; version++) {
      let atVersion = into.get(version);
      if (!atVersion) into.set(version, (atVersion = new Map()));
      atVersion.set(check.id, { id: check.id, checkPod: versioned.checkPod, overrideCheckIds: versioned.overrideCheckIds ?? [] });
    }
  });
}

/**
 * Builds the lookup tables. `emulationVersion` caps the newest version, as an API server
 * of that minor would: there `latest` means its own release's policy.
 */
export function createEvaluator(checks: readonly Check[], emulationVersion?: number): Evaluator {
  validateChecks(checks);
  let maxVersion = 0;
  for (const check of checks) maxVersion = Math.max(maxVersion, check.versions.at(-1)?.minimumVersion ?? 0);

  const baselineByVersion = new Map<number, Map<string, RegisteredCheck>>();
  const restrictedByVersion = new Map<number, Map<string, RegisteredCheck>>();
  for (const check of checks) {
    inflateVersions(check, maxVersion, check.level === "restricted" ? restrictedByVersion : baselineByVersion);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const baselineIds = checks.filter((check) => check.level === "baseline").map((check) => check.id).sort(byId);
  const restrictedIds = checks.filter((check) => check.level === "restricted").map((check) => check.id).sort(byId);
  const orderedIds = [...baselineIds, ...restrictedIds];
  const inOrder = (atVersion: Map<string, RegisteredCheck> | undefined) =>
    orderedIds.flatMap((id) => {
      const check = atVersion?.get(id);
      return check ? [check] : [];
    });

  const baselineTable = new Map<number, readonly RegisteredCheck[]>();
  const restrictedTable = new Map<number, readonly RegisteredCheck[]>();
  for (let version = 0; version <= maxVersion; version++) {
    const restricted = new Map(restrictedByVersion.get(version));
    const overridden = new Set([...restricted.values()].flatMap((check) => check.overrideCheckIds));
    for (const [id, check] of baselineByVersion.get(version) ?? []) {
      if (!overridden.has(id)) restricted.set(id, check);
    }
    baselineTable.set(version, inOrder(baselineByVersion.get(version)));
    restrictedTable.set(version, inOrder(restricted));
  }

  const effectiveMax = emulationVersion !== undefined && emulationVersion < maxVersion ? emulationVersion : maxVersion;
  return {
    maxVersion: effectiveMax,
    evaluatePod(level, version, podMetadata, podSpec) {
      if (level === "privileged") return [];
      const evaluated = version === "latest" || version > effectiveMax ? effectiveMax : version;
      const table = level === "baseline" ? baselineTable : restrictedTable;
      return (table.get(evaluated) ?? []).map((check) => ({ checkId: check.id, ...check.checkPod(podMetadata, podSpec) }));
    },
  };
}
