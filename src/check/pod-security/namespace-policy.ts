/**
 * Which policies apply in a namespace (upstream `api.PolicyToEvaluate`): each mode —
 * enforce, audit, warn — takes its level and version from the namespace's labels, falling
 * back to the cluster's defaults. Invalid labels fail closed for enforce (restricted) and
 * open for audit and warn (privileged), and an invalid version means `latest`, as upstream.
 */
import { compareLevels, isLevel, parseVersion, type LevelVersion } from "./policy-level.js";

export type Mode = "enforce" | "audit" | "warn";

export const MODES: readonly Mode[] = ["enforce", "audit", "warn"];

export type NamespacePolicy = Readonly<Record<Mode, LevelVersion>>;

const PRIVILEGED_LATEST: LevelVersion = { level: "privileged", version: "latest" };

/** What an API server uses for a namespace without labels when its AdmissionConfiguration sets no defaults. */
export const API_SERVER_DEFAULT_POLICY: NamespacePolicy = {
  enforce: PRIVILEGED_LATEST,
  audit: PRIVILEGED_LATEST,
  warn: PRIVILEGED_LATEST,
};

export interface ResolvedPolicy {
  readonly policy: NamespacePolicy;
  /** Labels that could not be read, each as `label "value": what is valid`. */
  readonly problems: readonly string[];
}

/** Every namespace is read for these six labels: spelled once. */
const LABEL_KEYS: Readonly<Record<Mode, Readonly<Record<"level" | "version", string>>>> = {
  enforce: { level: "pod-security.kubernetes.io/enforce", version: "pod-security.kubernetes.io/enforce-version" },
  audit: { level: "pod-security.kubernetes.io/audit", version: "pod-security.kubernetes.io/audit-version" },
  warn: { level: "pod-security.kubernetes.io/warn", version: "pod-security.kubernetes.io/warn-version" },
};

export function labelKey(mode: Mode, part: "level" | "version"): string {
  return LABEL_KEYS[mode][part];
}

/** The policy of a namespace with these labels (any JSON value; non-string labels are ignored). */
export function policyFromLabels(labels: unknown, defaults: NamespacePolicy = API_SERVER_DEFAULT_POLICY): ResolvedPolicy {
  const read = (key: string): string | undefined => {
    if (typeof labels !== "object" || labels === null || !Object.hasOwn(labels, key)) return undefined;
    const value = (labels as Record<string, unknown>)[key];
    return typeof value === "string" ? value : undefined;
  };
  const problems: string[] = [];
  const policy: Record<Mode, LevelVersion> = { ...defaults };
  let hasEnforceLevel = false;
  let hasWarnLevel = false;
  let hasWarnVersion = false;
  for (const mode of MODES) {
    const level = read(labelKey(mode, "level"));
    if (level !== undefined) {
      if (mode === "warn") hasWarnLevel = true;
      if (isLevel(level)) {
        policy[mode] = { ...policy[mode], level };
        if (mode === "enforce") hasEnforceLevel = true;
      } else {
        problems.push(`${labelKey(mode, "level")}="${level}": must be one of privileged, baseline, restricted`);
        policy[mode] = { ...policy[mode], level: mode === "enforce" ? "restricted" : "privileged" };
      }
    }
    const version = read(labelKey(mode, "version"));
    if (version !== undefined) {
      if (mode === "warn") hasWarnVersion = true;
      const parsed = parseVersion(version);
      if (parsed === undefined) problems.push(`${labelKey(mode, "version")}="${version}": must be "latest" or "v1.x"`);
      policy[mode] = { ...policy[mode], version: parsed ?? "latest" };
    }
  }
  // Upstream defaults warn to enforce when enforce is explicitly set stricter, so users see what will be rejected.
  if (!hasWarnLevel && hasEnforceLevel && compareLevels(policy.enforce.level, policy.warn.level) > 0) {
    policy.warn = { level: policy.enforce.level, version: hasWarnVersion ? policy.warn.version : policy.enforce.version };
  }
  return { policy, problems };
}
