/**
 * An application's requests may not exceed its limits: the API server refuses such a pod
 * (`spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal
 * to cpu limit of 500m`), so the Rollout would never get one, and `slipway check` reports
 * the synthesized Rollout as an error (best-practice/requests-exceed-limits). Compared in
 * nano units, as that rule and the API server compare them (quantityNanos).
 *
 * A request of 0 with a utilization target is refused too: the HPA computes utilization
 * as a percentage of the pods' requests, and with 0 it fails every time
 * (GetResourceUtilizationRatio: "no metrics returned matched known pods"), so it never
 * scales on that metric, though the manifests are valid.
 */
import { canonicalQuantity, quantityNanos } from "../manifest/quantity.js";

export interface ApplicationResourcesProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** The HPA's utilization targets in percent of requests; null when the metric is off. */
interface UtilizationTargets {
  readonly cpuUtilization: number | null;
  readonly memoryUtilization: number | null;
}

/** Problems of `applications.<name>.resources`, each at the request that is wrong. */
export function applicationResourcesProblems(name: string, resources: Resources, autoscaling?: UtilizationTargets): ApplicationResourcesProblem[] {
  const problems: ApplicationResourcesProblem[] = [];
  for (const resource of ["cpu", "memory"] as const) {
    const request = quantityNanos(resources.requests[resource]);
    const limit = quantityNanos(resources.limits[resource]);
    const target = resource === "cpu" ? autoscaling?.cpuUtilization : autoscaling?.memoryUtilization;
    if (request === 0n && target !== undefined && target !== null) {
      problems.push({
        path: ["applications", name, "resources", "requests", resource],
        message: `is 0 while autoscaling.${resource}Utilization is ${target}%: the HPA measures utilization as a percentage of the request and cannot with 0, so it would never scale on ${resource}. Request more than 0, or set autoscaling.${resource}Utilization: null`,
      });
      continue;
    }
    // A quantity the grammar refuses is reported at its own field already.
    if (request === undefined || limit === undefined || request <= limit) continue;
    problems.push({
      path: ["applications", name, "resources", "requests", resource],
      message: `${resources.requests[resource]} is more than the ${resource} limit (${canonicalQuantity(resources.limits[resource]) ?? resources.limits[resource]}); the API server refuses a pod whose requests exceed its limits. Lower resources.requests.${resource} or raise resources.limits.${resource}`,
    });
  }
  return problems;
}
