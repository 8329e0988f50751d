/**
 * One sample of the simulation, from what the API server said at one instant: replicas per
 * application (the Rollout's ready replicas, the HPA's desired replicas), pods the
 * scheduler has not placed, nodes per NodePool or managed node group by capacity type and
 * instance type (their labels), and what those nodes cost per hour. Pure: the I/O is in
 * simulation-run.ts.
 */
import { hourlyPrice } from "../pricing/ec2-prices.js";
import { LOCAL_NODE_GROUP_LABEL } from "../local/fake-nodes.js";
import { NODE_POOL_LABEL } from "../local/workload-status.js";
import type { SimulationSample } from "./simulation-result.js";

export const CAPACITY_TYPE_LABEL = "karpenter.sh/capacity-type";
export const INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

interface Metadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly deletionTimestamp?: string;
}

export interface ObservedCluster {
  readonly nodes: readonly { readonly metadata: Metadata }[];
  readonly pods: readonly { readonly metadata: Metadata; readonly spec?: { readonly nodeName?: string }; readonly status?: { readonly phase?: string } }[];
  readonly rollouts: readonly { readonly metadata: Metadata; readonly status?: { readonly readyReplicas?: number } }[];
  readonly autoscalers: readonly { readonly metadata: Metadata; readonly spec?: { readonly scaleTargetRef?: { readonly name?: string } }; readonly status?: { readonly desiredReplicas?: number } }[];
}

export interface SampleContext {
  readonly region: string;
  /** Namespace of each application: a Rollout and an HPA of the application's name live there. */
  readonly applications: Readonly<Record<string, string>>;
}

export function sampleCluster(t: number, requestsPerSecond: Readonly<Record<string, number>>, observed: ObservedCluster, context: SampleContext): SimulationSample {
  const replicas: Record<string, number> = {};
  const desiredReplicas: Record<string, number> = {};
  for (const [name, namespace] of Object.entries(context.applications)) {
    const rollout = observed.rollouts.find((item) => item.metadata.name === name && item.metadata.namespace === namespace);
    replicas[name] = rollout?.status?.readyReplicas ?? 0;
    const autoscaler = observed.autoscalers.find((item) => item.metadata.namespace === namespace && item.spec?.scaleTargetRef?.name === name);
    // Until the HPA has computed once, its status says 0 (an HPA never wants fewer than 1): it wants what runs.
    const desired = autoscaler?.status?.desiredReplicas ?? 0;
    desiredReplicas[name] = desired > 0 ? desired : replicas[name]!;
  }
  const namespaces = new Set(Object.values(context.applications));
  const pendingPods = observed.pods.filter(
    (pod) => namespaces.has(pod.metadata.namespace ?? "") && pod.status?.phase === "Pending" && pod.spec?.nodeName === undefined && pod.metadata.deletionTimestamp === undefined,
  ).length;

  const groups = new Map<string, SimulationSample["nodes"][number]>();
  let dollarsPerHour = 0;
  for (const node of observed.nodes) {
    const labels = node.metadata.labels ?? {};
    const nodeGroup = labels[LOCAL_NODE_GROUP_LABEL];
    const nodePool = labels[NODE_POOL_LABEL];
    if (nodeGroup === undefined && nodePool === undefined) continue;
    const capacityType = labels[CAPACITY_TYPE_LABEL] === "spot" ? "spot" : "on-demand";
    const instanceType = labels[INSTANCE_TYPE_LABEL] ?? "(unlabelled)";
    const entry = { pool: nodeGroup ?? nodePool!, managedBy: nodeGroup !== undefined ? ("node-group" as const) : ("karpenter" as const), capacityType, instanceType } as const;
    const key = `${entry.managedBy}\u0000${entry.pool}\u0000${capacityType}\u0000${instanceType}`;
    const current = groups.get(key);
    groups.set(key, { ...entry, count: (current?.count ?? 0) + 1 });
    dollarsPerHour += hourlyPrice(context.region, instanceType, capacityType, `node ${node.metadata.name} (label ${INSTANCE_TYPE_LABEL})`);
  }
  const nodes = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
  return { t, requestsPerSecond: { ...requestsPerSecond }, replicas, desiredReplicas, pendingPods, nodes, dollarsPerHour: Math.round(dollarsPerHour * 1e6) / 1e6 };
}
