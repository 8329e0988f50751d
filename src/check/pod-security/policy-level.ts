/**
 * Pod Security Standards levels and policy versions, and how namespace labels choose them
 * (upstream `k8s.io/pod-security-admission/api`). A version is a Kubernetes minor release
 * (`v1.25`) or `latest`; only major version 1 exists, so a version is held as its minor.
 */

export type Level = "privileged" | "baseline" | "restricted";

/** A policy version: the minor of `v1.<minor>`, or `latest`. */
export type PolicyVersion = number | "latest";

export interface LevelVersion {
  readonly level: Level;
  readonly version: PolicyVersion;
}

const LEVEL_STRICTNESS: Readonly<Record<Level, number>> = { privileged: 0, baseline: 1, restricted: 2 };

/** Negative when `a` is less strict than `b`, zero when equal, positive when stricter. */
export function compareLevels(a: Level, b: Level): number {
  return LEVEL_STRICTNESS[a] - LEVEL_STRICTNESS[b];
}

export function isLevel(value: unknown): value is Level {
  return value === "privileged" || value === "baseline" || value === "restricted";
}

// Upstream's pattern: no leading zeros, major version 1 only.
const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** `latest` or `v1.x`; anything else is not a version (upstream then uses `latest`). */
export function parseVersion(value: string): PolicyVersion | undefined {
  if (value === "latest") return "latest";
  const match = VERSION_PATTERN.exec(value);
  if (!match?.[1]) return undefined;
  const minor = Number(match[1]);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

export function formatVersion(version: PolicyVersion): string {
  return version === "latest" ? "latest" : `v1.${version}`;
}

/** `restricted:latest`, `baseline:v1.25`: how the API server names a policy in its messages. */
export function formatLevelVersion(levelVersion: LevelVersion): string {
  return `${levelVersion.level}:${formatVersion(levelVersion.version)}`;
}

/** The minor of a Kubernetes version such as `1.35` or `v1.35.4`, if it is one. */
export function minorOfKubernetesVersion(kubernetesVersion: string): number | undefined {
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(kubernetesVersion.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
