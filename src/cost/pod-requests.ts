/**
 * The pods a platform runs, reduced to what the cost estimate places on nodes: CPU and
 * memory requests, node selector and tolerations, how many (or one per node for a
 * DaemonSet). Read through the checker's one pod-template reader (`podTemplateOf`), so
 * every kind that runs pods counts (Pod, ReplicationController, Deployment, StatefulSet,
 * ReplicaSet, DaemonSet, Job, CronJob, Rollout) and rendered add-on charts and generated
 * objects count alike.
 *
 * How many pods a workload keeps running (`runningPods`): `replicas` (default 1) for the
 * replicated kinds; a Job's `parallelism` (default 1), no more than its `completions`,
 * none while suspended; a CronJob one run of its job template (none while suspended:
 * overlapping runs of `concurrencyPolicy: Allow` are not counted); a bare Pod one. Jobs
 * are counted as if they ran all month, so the node groups keep room for them.
 *
 * A pod's effective request is what the scheduler uses: the larger of the sum of its
 * containers and its largest init container, per resource.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import { quantityValue } from "../manifest/quantity.js";
import { podTemplateOf } from "../check/pod-security/pod-templates.js";
import { asRecord } from "../check/rules/support/json.js";

export interface Resources {
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
}

export interface PodToleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
}

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

export interface PodGroup {
  /** What runs these pods, e.g. `add-on loki: StatefulSet loki/loki`. */
  readonly owner: string;
  /** Pods of the group; ignored for a DaemonSet (one per node it fits). */
  readonly replicas: number;
  readonly daemonSet: boolean;
  readonly requests: Resources;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly PodToleration[];
  /** Label keys a node must carry whatever their value (a required topology spread's key). */
  readonly requiredLabelKeys?: readonly string[];
}

export const NO_RESOURCES: Resources = { cpuMillicores: 0, memoryMiB: 0 };

/** CPU in millicores or memory in MiB of a Kubernetes quantity; 0 when absent or not a quantity. */
export function quantityIn(text: unknown, unit: "millicores" | "MiB"): number {
  if (typeof text !== "string" && typeof text !== "number") return 0;
  const value = quantityValue(String(text));
  if (value === undefined || value.numerator < 0n) return 0;
  const base = Number(value.numerator) / Number(value.denominator);
  return unit === "millicores" ? base * 1000 : base / (1024 * 1024);
}

export function addResources(a: Resources, b: Resources, times = 1): Resources {
  return { cpuMillicores: a.cpuMillicores + b.cpuMillicores * times, memoryMiB: a.memoryMiB + b.memoryMiB * times };
}

function containerRequests(container: unknown): Resources {
  const requests = (container as { resources?: { requests?: Record<string, unknown> } } | undefined)?.resources?.requests ?? {};
  return { cpuMillicores: quantityIn(requests.cpu, "millicores"), memoryMiB: quantityIn(requests.memory, "MiB") };
}

/** The scheduler's view of a pod spec's requests (see the file header). */
export function podSpecRequests(podSpec: Readonly<Record<string, unknown>>): Resources {
  const list = (field: string) => (Array.isArray(podSpec[field]) ? (podSpec[field] as unknown[]) : []);
  let sum = NO_RESOURCES;
  for (const container of list("containers")) sum = addResources(sum, containerRequests(container));
  let cpu = sum.cpuMillicores;
  let memory = sum.memoryMiB;
  for (const init of list("initContainers")) {
    const requests = containerRequests(init);
    cpu = Math.max(cpu, requests.cpuMillicores);
    memory = Math.max(memory, requests.memoryMiB);
  }
  return { cpuMillicores: cpu, memoryMiB: memory };
}

/** A non-negative integer field, or `fallback` when absent or not one. */
function countField(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** Pods a Job spec keeps running at once: `parallelism` (default 1) capped by `completions`; none when suspended. */
function jobPods(jobSpec: Record<string, unknown>): number {
  if (jobSpec.suspend === true) return 0;
  const parallelism = countField(jobSpec.parallelism, 1);
  return Math.min(parallelism, countField(jobSpec.completions, parallelism));
}

/** Pods `kind` keeps running from `spec` (see the file header); a DaemonSet's count is ignored. */
function runningPods(kind: string, spec: Record<string, unknown>): number {
  switch (kind) {
    case "Pod":
      return 1;
    case "Job":
      return jobPods(spec);
    case "CronJob":
      return spec.suspend === true ? 0 : jobPods(asRecord(asRecord(spec.jobTemplate)?.spec) ?? {});
    default:
      return countField(spec.replicas, 1);
  }
}

/** The pod groups of `objects` that run pods; other objects (a PodTemplate too: it runs none) are skipped. */
export function podGroupsOf(objects: readonly KubeObject[], ownerPrefix: string): PodGroup[] {
  const groups: PodGroup[] = [];
  for (const object of objects) {
    if (object.kind === "PodTemplate") continue;
    const template = podTemplateOf({ apiVersion: object.apiVersion, kind: object.kind, document: object });
    if (template === undefined) continue;
    const podSpec = template.spec;
    const daemonSet = object.kind === "DaemonSet";
    const nodeSelector = podSpec.nodeSelector !== null && typeof podSpec.nodeSelector === "object" ? (podSpec.nodeSelector as Record<string, string>) : {};
    const tolerations = Array.isArray(podSpec.tolerations) ? (podSpec.tolerations as PodToleration[]) : [];
    groups.push({
      owner: `${ownerPrefix}: ${object.kind} ${object.metadata.namespace ?? "default"}/${object.metadata.name}`,
      replicas: daemonSet ? 1 : runningPods(object.kind, asRecord(object.spec) ?? {}),
      daemonSet,
      requests: podSpecRequests(podSpec),
      nodeSelector,
      tolerations,
    });
  }
  return groups;
}

/** Kubernetes' rule: a toleration matches a taint by key (or an empty key with Exists), value (Equal) and effect (or any). */
export function tolerates(tolerations: readonly PodToleration[], taint: Taint): boolean {
  return tolerations.some((toleration) => {
    if (toleration.effect !== undefined && toleration.effect !== "" && toleration.effect !== taint.effect) return false;
    if (toleration.operator === "Exists") return toleration.key === undefined || toleration.key === "" || toleration.key === taint.key;
    return toleration.key === taint.key && (toleration.value ?? "") === taint.value;
  });
}

/** Taints that keep a pod off a node: NoSchedule and NoExecute (PreferNoSchedule only discourages). */
export function blockingTaints(taints: readonly Taint[], tolerations: readonly PodToleration[]): Taint[] {
  return taints.filter((taint) => taint.effect !== "PreferNoSchedule" && !tolerates(tolerations, taint));
}

/**
 * Whether a pod's node selector fits a node's labels. Labels every EKS node carries
 * (`kubernetes.io/os`, `kubernetes.io/arch` and the topology and instance-type labels) are
 * taken as matching: the estimate has one x86-64 Linux fleet.
 */
export function selectorFits(nodeSelector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(nodeSelector).every(([key, value]) => (key in labels ? labels[key] === value : WELL_KNOWN_NODE_LABELS.has(key)));
}

/** Whether pods of `group` may run on a node with these labels and taints. */
export function podFitsNode(group: PodGroup, labels: Readonly<Record<string, string>>, taints: readonly Taint[]): boolean {
  return (
    selectorFits(group.nodeSelector, labels) &&
    (group.requiredLabelKeys ?? []).every((key) => key in labels) &&
    blockingTaints(taints, group.tolerations).length === 0
  );
}

const WELL_KNOWN_NODE_LABELS = new Set([
  "kubernetes.io/os",
  "kubernetes.io/arch",
  "beta.kubernetes.io/os",
  "beta.kubernetes.io/arch",
  "topology.kubernetes.io/zone",
  "topology.kubernetes.io/region",
  "node.kubernetes.io/instance-type",
]);
