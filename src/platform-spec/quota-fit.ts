/**
 * A team's quota must hold its applications at their fewest pods, canary included. Each
 * namespace of a team gets the team's ResourceQuota on requests and limits; the API server
 * refuses a pod that would take the namespace past it (`exceeded quota`), so a Rollout that
 * does not fit never gets its pods, its canary stalls, and Argo CD shows the application
 * degraded, though every manifest is valid and `slipway check` passes. The fewest is
 * `autoscaling.minReplicas`: the HPA never goes below it, whatever the load (the first
 * `replicas` are only until the HPA takes over, and above the minimum the HPA stops at the
 * quota, which docs/gitops-tenancy-and-applications.md explains).
 *
 * During a canary the namespace runs more pods than that: the canary's beside the stable
 * ones (`canaryPeakPods` in the Rollout's own file says how many, from Argo Rollouts'
 * replica arithmetic). A quota that holds only the steady state lets the applications run
 * and then refuses the canary's pods at the first image change. Every application of the
 * namespace is counted at its peak at once: a change to every pod template (a platform
 * upgrade, a commit touching several applications) rolls them all together.
 *
 * Each Slipway pod has one container (the application's own), so a pod takes exactly the
 * application's requests and limits; sums are exact (quantities as fractions, not floats).
 */
import { canonicalQuantity, quantityNanos } from "../manifest/quantity.js";
import { canaryPeakPods, type CanaryShape } from "../gitops/applications/rollout.js";

interface Resources {
  readonly cpu: string;
  readonly memory: string;
}

/** The parts of the spec the check reads (structural, so schema.ts can call it inside its own refinement). */
export interface QuotaFitSpec {
  readonly teams: Readonly<Record<string, { readonly quota: { readonly requestsCpu: string; readonly requestsMemory: string; readonly limitsCpu: string; readonly limitsMemory: string } }>>;
  readonly namespaces: Readonly<Record<string, { readonly team?: string | undefined }>>;
  readonly applications: Readonly<
    Record<string, CanaryShape & { readonly namespace: string; readonly resources: { readonly requests: Resources; readonly limits: Resources }; readonly autoscaling: { readonly minReplicas: number } }>
  >;
}

export interface QuotaFitProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Each quota field, with the pod resource it caps. */
const QUOTA_FIELDS = [
  { field: "requestsCpu", kind: "requests", resource: "cpu" },
  { field: "requestsMemory", kind: "requests", resource: "memory" },
  { field: "limitsCpu", kind: "limits", resource: "cpu" },
  { field: "limitsMemory", kind: "limits", resource: "memory" },
] as const;

/** `times` pods' worth of a quantity in nano units, each pod's amount as the API server holds it. */
function nanos(text: string, times = 1): bigint | undefined {
  const each = quantityNanos(text);
  return each === undefined ? undefined : each * BigInt(times);
}

/** A nano-unit count as the API server prints it: binary units for whole KiB multiples (memory), else decimal. */
function printed(nanoUnits: bigint): string | undefined {
  const KIBI_NANOS = 1024n * 10n ** 9n;
  return canonicalQuantity(nanoUnits % KIBI_NANOS === 0n ? `${nanoUnits / KIBI_NANOS}Ki` : `${nanoUnits}n`);
}

export function quotaFitProblems(spec: QuotaFitSpec): QuotaFitProblem[] {
  const problems: QuotaFitProblem[] = [];
  for (const [namespace, { team }] of Object.entries(spec.namespaces).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const quota = team === undefined ? undefined : spec.teams[team]?.quota;
    if (team === undefined || quota === undefined) continue;
    const applications = Object.entries(spec.applications)
      .filter(([, application]) => application.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (applications.length === 0) continue;
    const pods = new Map(applications.map(([name, application]) => [name, canaryPeakPods(application, application.autoscaling.minReplicas)]));
    for (const { field, kind, resource } of QUOTA_FIELDS) {
      // A quantity the grammar refuses is reported at its own field already.
      const hard = nanos(quota[field]);
      const amounts = applications.map(([name, application]) => nanos(application.resources[kind][resource], pods.get(name)));
      if (hard === undefined || hard < 0n || amounts.some((amount) => amount === undefined || amount < 0n)) continue;
      const needed = amounts.reduce<bigint>((sum, amount) => sum + (amount ?? 0n), 0n);
      if (needed <= hard) continue;
      const parts = applications
        .map(([name, application]) => {
          const peak = pods.get(name)!;
          const minimum = application.autoscaling.minReplicas;
          return `${name}: ${peak} pods × ${application.resources[kind][resource]}, ${minimum} at autoscaling.minReplicas + ${peak - minimum} during its canary${application.host === undefined ? "" : " (traffic-routed: the stable pods stay until promotion)"}`;
        })
        .join("; ");
      problems.push({
        path: ["teams", team, "quota", field],
        message:
          `${quota[field]} cannot hold the applications in namespace ${namespace} at their HPA minimum through a canary, which needs ${printed(needed)} of ${kind}.${resource} (${parts}); ` +
          `the API server would refuse the canary's pods (exceeded quota) and the rollout would stall. Raise the quota, or lower those applications' autoscaling.minReplicas or resources.${kind}.${resource}`,
      });
    }
  }
  return problems;
}
