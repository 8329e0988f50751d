/**
 * Pods per add-on on the local cluster: which pods belong to which chart Application,
 * how many are Running, and on which node groups. A pod belongs to an add-on when one of
 * the add-on's workloads (Deployment, StatefulSet, DaemonSet, Job, Rollout) selects it:
 * same namespace, the workload's `selector.matchLabels` all on the pod (a Job's selector
 * is generated, so its template's labels are used). Pods that controllers of the add-ons
 * would create at run time (Prometheus and Alertmanager behind the operator's resources)
 * have no workload in the chart and are not counted: the operator does not run on kwok.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import type { AddonObject } from "./addon-objects.js";
import { nodeGroupOf, type ClusterSnapshot } from "./workload-status.js";

export interface AddonPods {
  readonly addon: string;
  readonly running: number;
  readonly total: number;
  /** Node group → Running pods of the add-on there, sorted by group. */
  readonly runningByNodeGroup: Readonly<Record<string, number>>;
  /** `namespace/name (phase)` of the pods not Running. */
  readonly notRunning: readonly string[];
}

interface Selector {
  readonly addon: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

const SELECTING_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout"]);

/** The selectors of the add-ons' workloads, from the objects `up` applied. */
export function addonSelectors(objects: readonly AddonObject[]): Selector[] {
  const selectors: Selector[] = [];
  for (const { object, namespace, addon } of objects) {
    const labels = selectedLabels(object);
    if (labels !== undefined) selectors.push({ addon, namespace: object.metadata.namespace ?? namespace, labels });
  }
  return selectors;
}

/** Pods per add-on, in add-on order; every add-on in `addons` is listed, even with no pods. */
export function podsPerAddon(addons: readonly string[], selectors: readonly Selector[], snapshot: Pick<ClusterSnapshot, "pods" | "nodes">): AddonPods[] {
  const groupOfNode = new Map(snapshot.nodes.map((node) => [node.metadata.name, nodeGroupOf(node)]));
  const tallies = new Map(addons.map((addon) => [addon, { running: 0, total: 0, groups: {} as Record<string, number>, notRunning: [] as string[] }]));
  for (const pod of snapshot.pods) {
    const owner = selectors.find((selector) => selector.namespace === pod.metadata.namespace && matches(selector.labels, pod.metadata.labels ?? {}));
    const tally = owner === undefined ? undefined : tallies.get(owner.addon);
    if (tally === undefined) continue;
    // A finished hook Job's pod is done, not missing.
    if (pod.status?.phase === "Succeeded") continue;
    tally.total++;
    if (pod.status?.phase === "Running" && pod.spec.nodeName !== undefined) {
      tally.running++;
      const group = groupOfNode.get(pod.spec.nodeName) ?? "(unknown node)";
      tally.groups[group] = (tally.groups[group] ?? 0) + 1;
    } else {
      tally.notRunning.push(`${pod.metadata.namespace}/${pod.metadata.name} (${pod.status?.phase ?? "no status"})`);
    }
  }
  return [...tallies].map(([addon, tally]) => ({
    addon,
    running: tally.running,
    total: tally.total,
    runningByNodeGroup: Object.fromEntries(Object.entries(tally.groups).sort(([a], [b]) => (a < b ? -1 : 1))),
    notRunning: tally.notRunning.sort(),
  }));
}

function selectedLabels(object: KubeObject): Record<string, string> | undefined {
  const spec = object.spec as { selector?: { matchLabels?: Record<string, string> }; template?: { metadata?: { labels?: Record<string, string> } } } | undefined;
  const labels = object.kind === "Job" ? spec?.template?.metadata?.labels : SELECTING_KINDS.has(object.kind) ? spec?.selector?.matchLabels : undefined;
  return labels !== undefined && Object.keys(labels).length > 0 ? labels : undefined;
}

function matches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
