/**
 * An application's pod must fit on some node it may run on, or it stays Pending forever:
 * the scheduler finds no node, and Karpenter launches none, because no instance type it
 * may choose is large enough. Slipway's applications run only on Karpenter's nodes (they
 * spread over the capacity label that only Karpenter's NodePools set), so the candidates
 * are the instance types EC2 has among `karpenter.instanceFamilies` × `instanceSizes` of
 * `karpenter.architectures`.
 *
 * Judged against the allocatable CPU and memory of each candidate, as the EKS AMI reserves
 * them (src/local/instance-types.ts, the figures the local cluster and the cost estimate
 * use). Only when every candidate is in that table: an instance type it does not list
 * might be large enough, so nothing is said then. DaemonSet pods take a little more of
 * every node, so a pod that fits here may still not fit; one that does not fit here never
 * does. With Karpenter off the pods have no eligible node by this rule anyway.
 */
import { canonicalQuantity, quantityNanos } from "../manifest/quantity.js";
import { INSTANCE_TYPES, nodeResources } from "../local/instance-types.js";
import { instanceTypeExists } from "./ec2-instance-types.js";

export interface PodFitProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface PodFitSpec {
  readonly karpenter: {
    readonly enabled: boolean;
    readonly architectures: readonly string[];
    readonly instanceFamilies: readonly string[];
    readonly instanceSizes: readonly string[];
  };
  readonly applications: Readonly<Record<string, { readonly resources: { readonly requests: { readonly cpu: string; readonly memory: string } } }>>;
}

export function podFitProblems(spec: PodFitSpec): PodFitProblem[] {
  const { karpenter } = spec;
  if (!karpenter.enabled) return [];
  // A family × size EC2 does not have (t3.4xlarge) is no candidate: Karpenter's requirements only filter real types.
  const candidates = karpenter.instanceFamilies.flatMap((family) => karpenter.instanceSizes.map((size) => `${family}.${size}`)).filter(instanceTypeExists);
  const known = candidates.map((name) => ({ name, type: Object.hasOwn(INSTANCE_TYPES, name) ? INSTANCE_TYPES[name] : undefined }));
  if (known.some(({ type }) => type === undefined)) return [];
  const eligible = known.filter(({ type }) => karpenter.architectures.includes(type!.architecture));
  if (eligible.length === 0) return [];
  const largest = { cpu: eligible[0]!, memory: eligible[0]! };
  const allocatableText = (entry: (typeof eligible)[number], resource: "cpu" | "memory") => nodeResources(entry.type!, 20).allocatable[resource] ?? "0";
  const allocatable = (entry: (typeof eligible)[number], resource: "cpu" | "memory") => quantityNanos(allocatableText(entry, resource)) ?? 0n;
  for (const entry of eligible) {
    if (allocatable(entry, "cpu") > allocatable(largest.cpu, "cpu")) largest.cpu = entry;
    if (allocatable(entry, "memory") > allocatable(largest.memory, "memory")) largest.memory = entry;
  }
  const problems: PodFitProblem[] = [];
  for (const [name, application] of Object.entries(spec.applications).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const resource of ["cpu", "memory"] as const) {
      const request = quantityNanos(application.resources.requests[resource]);
      // A quantity the grammar refuses is reported at its own field already.
      if (request === undefined) continue;
      const node = largest[resource];
      const most = allocatableText(node, resource);
      if (request <= allocatable(node, resource)) continue;
      problems.push({
        path: ["applications", name, "resources", "requests", resource],
        message: `${application.resources.requests[resource]} is more ${resource} than any node Karpenter may launch offers a pod (the largest, ${node.name}, has ${canonicalQuantity(most) ?? most} allocatable), so the pod would stay Pending. Lower it, or let Karpenter launch larger instances (karpenter.instanceSizes, karpenter.instanceFamilies)`,
      });
    }
  }
  return problems;
}
