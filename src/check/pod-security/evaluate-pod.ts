/**
 * Evaluating one pod against one policy, as pod-security admission does after the API
 * server has decoded and defaulted it. The input is untrusted JSON (a manifest's pod
 * metadata and spec): it is read leniently, never trusted, never a reason to throw.
 */
import { SlipwayError } from "../../errors.js";
import { applyApiServerDefaults } from "./api-server-defaults.js";
import { DEFAULT_CHECKS } from "./checks/index.js";
import { readPodMetadata, readPodSpec } from "./pod-spec.js";
import { formatVersion, isLevel, parseVersion, type Level, type PolicyVersion } from "./policy-level.js";
import { createEvaluator, type CheckResultWithId, type Evaluator } from "./registry.js";

export type PodSecurityResult = CheckResultWithId;

export interface EvaluatePodOptions {
  /** False for a pod template: the API server defaults a few fields only on Pods. @default true */
  readonly isPod?: boolean;
  /** Kubernetes minor of the API server: `latest` and newer versions mean its policy. @default the newest known */
  readonly kubernetesMinor?: number;
}

const evaluators = new Map<number | undefined, Evaluator>();

/** The evaluator of the default checks, built once per emulated Kubernetes minor. */
export function defaultEvaluator(kubernetesMinor?: number): Evaluator {
  let evaluator = evaluators.get(kubernetesMinor);
  if (!evaluator) {
    evaluator = createEvaluator(DEFAULT_CHECKS, kubernetesMinor);
    evaluators.set(kubernetesMinor, evaluator);
  }
  return evaluator;
}

function toPolicyVersion(version: PolicyVersion | string): PolicyVersion {
  if (typeof version === "number") {
    if (Number.isSafeInteger(version) && version >= 0) return version;
  } else {
    const parsed = parseVersion(version);
    if (parsed !== undefined) return parsed;
  }
  throw new SlipwayError("USAGE", `invalid Pod Security version ${JSON.stringify(version)}`, {
    where: "evaluatePod(version)",
    fix: 'give "latest", "v1.<minor>" such as "v1.35", or the minor as a number',
  });
}

/**
 * Every check's result for the pod at `level:version`, in upstream's order (baseline ids,
 * then restricted ids). `privileged` allows everything and returns no results.
 */
export function evaluatePod(
  level: Level,
  version: PolicyVersion | string,
  podMetadata: unknown,
  podSpec: unknown,
  options: EvaluatePodOptions = {},
): PodSecurityResult[] {
  if (!isLevel(level)) {
    throw new SlipwayError("USAGE", `invalid Pod Security level ${JSON.stringify(level)}`, {
      where: "evaluatePod(level)",
      fix: 'give "privileged", "baseline" or "restricted"',
    });
  }
  const spec = applyApiServerDefaults(readPodSpec(podSpec), { isPod: options.isPod ?? true });
  return defaultEvaluator(options.kubernetesMinor).evaluatePod(level, toPolicyVersion(version), readPodMetadata(podMetadata), spec);
}

/** The newest policy version the checks know, e.g. `v1.37`. */
export function newestPolicyVersion(): string {
  return formatVersion(defaultEvaluator().maxVersion);
}
