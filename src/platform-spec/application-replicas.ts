/**
 * An application's replica counts must agree with each other:
 *
 * - `replicas`, the Rollout's initial size, within [autoscaling.minReplicas, maxReplicas]:
 *   the HPA sets the scale target's replicas into that range on its first sync
 *   (pkg/controller/podautoscaler/horizontal.go, `normalizeDesiredReplicas` clamps to
 *   min and max), so a value outside it only starts a first rollout at a size that is
 *   undone seconds later.
 * - `minAvailable` must let at least one pod be evicted when the HPA runs minReplicas:
 *   the disruption controller allows `currentHealthy - desiredHealthy` evictions, with
 *   desiredHealthy the integer or the percentage of the expected pods rounded up
 *   (pkg/controller/disruption/disruption.go `getExpectedPodCount`,
 *   `intstr.GetScaledValueFromIntOrPercent(minAvailable, expectedCount, true)`). When that
 *   is every pod, each eviction is refused, so `kubectl drain`, node upgrades and
 *   Karpenter's consolidation and expiry wait forever on the application's nodes.
 */

export interface ApplicationReplicasProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface ApplicationReplicas {
  /** Undefined when the application has other problems (see minAvailable). */
  readonly replicas: number | undefined;
  readonly autoscaling: { readonly minReplicas: number; readonly maxReplicas: number };
  /** Undefined when the spec leaves it out: the application's default (defaultMinAvailable) applies, which never blocks. */
  readonly minAvailable: number | string | undefined;
}

/** The initial replicas of an application that sets none: 10, moved into the HPA's range. */
export const DEFAULT_INITIAL_REPLICAS = 10;

export function defaultInitialReplicas(autoscaling: { readonly minReplicas: number; readonly maxReplicas: number }): number {
  return Math.max(autoscaling.minReplicas, Math.min(autoscaling.maxReplicas, DEFAULT_INITIAL_REPLICAS));
}

/** The PodDisruptionBudget of an application that sets no minAvailable. */
export const DEFAULT_MIN_AVAILABLE = "50%";

/**
 * 50%, but 0% for an application the HPA may run on one pod: half of one pod rounds up to
 * that pod, and a default must not be a spec error the user never wrote. The spec schema's
 * transform is the one place that applies it; applicationReplicasProblems judges only a
 * value the user wrote, since this default lets a pod go at every minReplicas of 1 or more.
 */
export function defaultMinAvailable(autoscaling: { readonly minReplicas: number }): number | string {
  return autoscaling.minReplicas === 1 ? "0%" : DEFAULT_MIN_AVAILABLE;
}

/** Pods the disruption controller keeps healthy out of `expected` (upstream rounds a percentage up). */
export function desiredHealthyPods(minAvailable: number | string, expected: number): number {
  if (typeof minAvailable === "number") return minAvailable;
  return Math.ceil((Number(minAvailable.slice(0, -1)) * expected) / 100);
}

export function applicationReplicasProblems(name: string, application: ApplicationReplicas): ApplicationReplicasProblem[] {
  const path = ["applications", name];
  const { minReplicas, maxReplicas } = application.autoscaling;
  // A minReplicas below 1 or not whole is refused at its own field, and maxReplicas < minReplicas at
  // maxReplicas: there is no range to judge the other fields against then.
  if (!Number.isInteger(minReplicas) || minReplicas < 1 || maxReplicas < minReplicas) return [];
  const problems: ApplicationReplicasProblem[] = [];
  if (application.replicas !== undefined && (application.replicas < minReplicas || application.replicas > maxReplicas)) {
    problems.push({
      path: [...path, "replicas"],
      message: `${application.replicas} is outside autoscaling.minReplicas (${minReplicas}) to autoscaling.maxReplicas (${maxReplicas}): the HPA moves the Rollout into that range on its first sync, so the first rollout starts at a size that is undone at once; set replicas between ${minReplicas} and ${maxReplicas}`,
    });
  }
  // The platform's checks see the raw value (the object-level default runs only on an application
  // with no other problem); an unset one takes the default, which never blocks.
  const minAvailable = application.minAvailable;
  if (minAvailable === undefined) return problems;
  const desired = desiredHealthyPods(minAvailable, minReplicas);
  // A percentage over 100 is refused at its own field already.
  const overHundred = typeof minAvailable === "string" && Number(minAvailable.slice(0, -1)) > 100;
  if (!overHundred && desired >= minReplicas) {
    const given = typeof minAvailable === "number" ? `${minAvailable} pods` : `${minAvailable} of ${minReplicas} pods, rounded up to ${desired},`;
    problems.push({
      path: [...path, "minAvailable"],
      message: `${given} must stay available, but the HPA may run only autoscaling.minReplicas (${minReplicas}): the PodDisruptionBudget then allows no eviction, so node drains, upgrades and Karpenter consolidation hang on this application's nodes. ${minReplicas === 1 ? "Raise autoscaling.minReplicas to 2 or more, or set minAvailable to 0%" : `Lower it below ${minReplicas} (such as ${minReplicas - 1}), or use a percentage such as 50%`}`,
    });
  }
  return problems;
}
