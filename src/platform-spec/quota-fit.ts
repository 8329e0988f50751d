/**
 * A team's quota must hold the fewest pods its applications run. Each namespace of a team
 * gets the team's ResourceQuota on requests and limits; the API server refuses a pod that
 * would take the namespace past it (`exceeded quota`), so a Rollout whose HPA minimum does
 * not fit never has all its replicas, its canary never completes, and Argo CD shows the
 * application degraded, though every manifest is valid and `slipway check` passes. The
 * fewest is `autoscaling.minReplicas`: the HPA never goes below it, whatever the load
 * (the first `replicas` are only until the HPA takes over, and above the minimum the HPA
 * stops at the quota, which docs/gitops-tenancy-and-applications.md explains).
 *
 * Each Slipway pod has one container (the application's own), so a pod takes exactly the
 * application's requests and limits; sums are exact (quantities as fractions, not floats).
 */
import { canonicalQuantity, quantityNanos } from "../manifest/quantity.js";

interface Resources {
  readonly cpu: string;
  readonly memory: string;
}

/** The parts of the spec the check reads (structural, so schema.ts can call it inside its own refinement). */
export interface QuotaFitSpec {
  readonly teams: Readonly<Record<string, { readonly quota: { readonly requestsCpu: string; readonly requestsMemory: string; readonly limitsCpu: string; readonly limitsMemory: string } }>>;
  readonly namespaces: Readonly<Record<string, { readonly team?: string | undefined }>>;
  readonly applications: Readonly<
    Record<string, { readonly namespace: string; readonly resources: { readonly requests: Resources; readonly limits: Resources }; readonly autoscaling: { readonly minReplicas: number } }>
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
    for (const { field, kind, resource } of QUOTA_FIELDS) {
      // A quantity the grammar refuses is reported at its own field already.
      const hard = nanos(quota[field]);
      const amounts = applications.map(([, application]) => nanos(application.resources[kind][resource], application.autoscaling.minReplicas));
      if (hard === undefined || hard < 0n || amounts.some((amount) => amount === undefined || amount < 0n)) continue;
      const needed = amounts.reduce<bigint>((sum, amount) => sum + (amount ?? 0n), 0n);
      if (needed <= hard) continue;
      const parts = applications.map(([name, application]) => `${name}: ${application.autoscaling.minReplicas} × ${application.resources[kind][resource]}`).join(", ");
      problems.push({
        path: ["teams", team, "quota", field],
        message:
          `${quota[field]} cannot hold the HPA minimum of the applications in namespace ${namespace}, which need ${printed(needed)} of ${kind}.${resource} (${parts}); ` +
          `the API server would refuse their pods (exceeded quota). Raise the quota, or lower those applications' autoscaling.minReplicas or resources.${kind}.${resource}`,
      });
    }
  }
  return problems;
}
