/**
 * Where the platform's workloads stand on the local cluster: pods per node group, which
 * workloads are not yet ready and why (unschedulable pods with the scheduler's message,
 * pods a controller could not create with the API server's message). `waitForWorkloads`
 * polls until every workload is ready, or until nothing has changed for a while (a quota
 * or a missing node will not fix itself), or until the time limit.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ApiClient } from "./api-client.js";
import { ApiServerUnreachable } from "./server-side-apply.js";
import { LOCAL_NODE_GROUP_LABEL } from "./fake-nodes.js";

interface Metadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
}

export interface PodItem {
  readonly metadata: Metadata;
  readonly spec: { readonly nodeName?: string };
  readonly status?: { readonly phase?: string; readonly conditions?: readonly { type: string; status: string; reason?: string; message?: string }[] };
}

export interface WorkloadItem {
  readonly kind: string;
  readonly metadata: Metadata;
  readonly spec?: { readonly replicas?: number };
  readonly status?: { readonly readyReplicas?: number; readonly numberReady?: number; readonly desiredNumberScheduled?: number };
}

export interface EventItem {
  readonly reason?: string;
  readonly message?: string;
  readonly involvedObject: { readonly kind?: string; readonly namespace?: string; readonly name?: string };
}

export interface ClusterSnapshot {
  readonly pods: readonly PodItem[];
  readonly nodes: readonly { readonly metadata: Metadata }[];
  readonly workloads: readonly WorkloadItem[];
  readonly warnings: readonly EventItem[];
}

/** Node label Karpenter puts on the nodes it launches: the NodePool that launched them. */
export const NODE_POOL_LABEL = "karpenter.sh/nodepool";
const CAPACITY_TYPE_LABEL = "karpenter.sh/capacity-type";

/**
 * The group a node belongs to in the summary: its managed node group (fake-nodes.ts), or
 * `karpenter/<NodePool>` for a node Karpenter launched.
 */
export function nodeGroupOf(node: { readonly metadata: Metadata }): string {
  const labels = node.metadata.labels ?? {};
  const group = labels[LOCAL_NODE_GROUP_LABEL];
  if (group !== undefined) return group;
  const pool = labels[NODE_POOL_LABEL];
  return pool === undefined ? "(unlabelled)" : `karpenter/${pool}`;
}

export interface WorkloadSummary {
  /** Karpenter's nodes by `NodePool capacity-type` (e.g. `spot spot`), as it launched them. */
  readonly nodesByNodePool: Readonly<Record<string, number>>;
  /** Node group (or `karpenter/<NodePool>`) → pods Running on its nodes. */
  readonly runningByNodeGroup: Readonly<Record<string, number>>;
  readonly runningPods: number;
  readonly notRunningPods: readonly string[];
  /** `Kind namespace/name ready/desired` of workloads short of their replicas. */
  readonly unreadyWorkloads: readonly string[];
  /** Why pods are missing: the scheduler's and controllers' own messages. */
  readonly problems: readonly string[];
  readonly settled: boolean;
}

/** Warning reasons that explain a missing or pending pod. */
const EXPLAINING_REASONS = new Set(["FailedCreate", "FailedScheduling"]);

export function summarizeWorkloads(snapshot: ClusterSnapshot): WorkloadSummary {
  const groupOfNode = new Map(snapshot.nodes.map((node) => [node.metadata.name, nodeGroupOf(node)]));
  const nodesByNodePool: Record<string, number> = {};
  for (const node of snapshot.nodes) {
    const pool = node.metadata.labels?.[NODE_POOL_LABEL];
    if (pool === undefined) continue;
    const key = `${pool} ${node.metadata.labels?.[CAPACITY_TYPE_LABEL] ?? "(no capacity type)"}`;
    nodesByNodePool[key] = (nodesByNodePool[key] ?? 0) + 1;
  }
  const runningByNodeGroup: Record<string, number> = {};
  const notRunningPods: string[] = [];
  const problems = new Set<string>();
  let runningPods = 0;
  for (const pod of snapshot.pods) {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (pod.status?.phase === "Running" && pod.spec.nodeName !== undefined) {
      const group = groupOfNode.get(pod.spec.nodeName) ?? "(unknown node)";
      runningByNodeGroup[group] = (runningByNodeGroup[group] ?? 0) + 1;
      runningPods++;
      continue;
    }
    if (pod.status?.phase === "Succeeded") continue;
    notRunningPods.push(`${key} (${pod.status?.phase ?? "no status"})`);
    const unschedulable = pod.status?.conditions?.find((condition) => condition.type === "PodScheduled" && condition.status === "False");
    if (unschedulable?.message) problems.add(`pod ${key} is not scheduled: ${unschedulable.message}`);
  }
  const unreadyWorkloads: string[] = [];
  for (const workload of snapshot.workloads) {
    const desired = workload.kind === "DaemonSet" ? (workload.status?.desiredNumberScheduled ?? 0) : (workload.spec?.replicas ?? 1);
    const ready = workload.kind === "DaemonSet" ? (workload.status?.numberReady ?? 0) : (workload.status?.readyReplicas ?? 0);
    if (ready < desired) unreadyWorkloads.push(`${workload.kind} ${workload.metadata.namespace}/${workload.metadata.name} ${ready}/${desired} ready`);
  }
  for (const event of snapshot.warnings) {
    if (!EXPLAINING_REASONS.has(event.reason ?? "") || event.involvedObject.kind === "Pod") continue;
    const object = `${event.involvedObject.kind} ${event.involvedObject.namespace}/${event.involvedObject.name}`;
    problems.add(`${object}: ${event.message ?? event.reason}`);
  }
  return {
    nodesByNodePool: Object.fromEntries(Object.entries(nodesByNodePool).sort(([a], [b]) => (a < b ? -1 : 1))),
    runningByNodeGroup: Object.fromEntries(Object.entries(runningByNodeGroup).sort(([a], [b]) => (a < b ? -1 : 1))),
    runningPods,
    notRunningPods: notRunningPods.sort(),
    unreadyWorkloads: unreadyWorkloads.sort(),
    problems: [...problems].sort(),
    settled: notRunningPods.length === 0 && unreadyWorkloads.length === 0,
  };
}

const WORKLOAD_LISTS = [
  { kind: "Deployment", path: "/apis/apps/v1/deployments" },
  { kind: "StatefulSet", path: "/apis/apps/v1/statefulsets" },
  { kind: "DaemonSet", path: "/apis/apps/v1/daemonsets" },
  { kind: "Rollout", path: "/apis/argoproj.io/v1alpha1/rollouts" },
] as const;

export async function takeSnapshot(client: ApiClient): Promise<ClusterSnapshot> {
  const list = async <T>(path: string): Promise<T[]> => {
    const response = await client.get(path);
    if (response.status === 0) throw new ApiServerUnreachable(`the API server stopped answering while waiting for workloads: ${response.body}`);
    // A kind the server does not serve (no Rollout CRD) simply has no items.
    return response.status === 200 ? (JSON.parse(response.body) as { items: T[] }).items : [];
  };
  const [pods, nodes, warnings, ...workloads] = await Promise.all([
    list<PodItem>("/api/v1/pods"),
    list<{ metadata: Metadata }>("/api/v1/nodes"),
    list<EventItem>("/api/v1/events?fieldSelector=type%3DWarning"),
    ...WORKLOAD_LISTS.map(async ({ kind, path }) => (await list<Omit<WorkloadItem, "kind">>(path)).map((item) => ({ ...item, kind }))),
  ]);
  return { pods, nodes, warnings, workloads: workloads.flat() };
}

export interface WaitOptions {
  readonly timeoutMs: number;
  /** Give up early when nothing has changed for this long. */
  readonly stableMs: number;
  readonly onProgress?: (summary: WorkloadSummary) => void;
}

/** Where the wait ended: the summary and the very snapshot it was made from. */
export interface WorkloadWait {
  readonly summary: WorkloadSummary;
  /**
   * Read everything else the report says about pods from this snapshot, not a new one:
   * Karpenter may launch or consolidate a node a moment after the wait, and a daemon
   * pod on a node seconds old is still Pending.
   */
  readonly snapshot: ClusterSnapshot;
}

export async function waitForWorkloads(client: ApiClient, options: WaitOptions): Promise<WorkloadWait> {
  const deadline = Date.now() + options.timeoutMs;
  let lastSignature = "";
  let lastChange = Date.now();
  for (;;) {
    const snapshot = await takeSnapshot(client);
    const summary = summarizeWorkloads(snapshot);
    if (summary.settled) return { summary, snapshot };
    const signature = JSON.stringify([summary.runningPods, summary.notRunningPods, summary.unreadyWorkloads]);
    if (signature !== lastSignature) {
      lastSignature = signature;
      lastChange = Date.now();
      options.onProgress?.(summary);
    }
    if (Date.now() > deadline || Date.now() - lastChange > options.stableMs) return { summary, snapshot };
    await sleep(500);
  }
}
