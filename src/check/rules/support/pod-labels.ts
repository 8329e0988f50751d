/**
 * The label sets of every pod the input runs, per namespace: the pod templates of its
 * workloads (workloads.ts) and the pods that controllers of the input create at run time
 * (runtime-objects.ts). Selector rules (Service, PodDisruptionBudget, NetworkPolicy) ask
 * whether a selector matches any of them; the answer comes from one index per input.
 */
import type { SourceObject } from "../../finding.js";
import { LabelIndex } from "./label-index.js";
import type { LabelSelector } from "./label-selector.js";
import { memoizeByObjects } from "./memoize.js";
import { runtimeObjectsOf } from "./runtime-objects.js";
import { workloadsOf } from "./workloads.js";

type Labels = Readonly<Record<string, string>>;

const podLabelsByNamespace = memoizeByObjects((objects: readonly SourceObject[]): ReadonlyMap<string, LabelIndex<Labels>> => {
  const byNamespace = new Map<string, Labels[]>();
  const add = (namespace: string, labels: Labels): void => {
    const list = byNamespace.get(namespace);
    if (list) list.push(labels);
    else byNamespace.set(namespace, [labels]);
  };
  for (const workload of workloadsOf(objects)) add(workload.namespace, workload.labels);
  for (const pods of runtimeObjectsOf(objects).pods) add(pods.namespace, pods.labels);
  return new Map([...byNamespace].map(([namespace, labels]) => [namespace, new LabelIndex(labels, (item) => item)]));
});

/** Whether `selector` matches a pod the input runs (or a controller of it will run) in one of `namespaces`. */
export function selectsSomePod(objects: readonly SourceObject[], namespaces: Iterable<string>, selector: LabelSelector): boolean {
  const index = podLabelsByNamespace(objects);
  for (const namespace of namespaces) if (index.get(namespace)?.matchesAny(selector)) return true;
  return false;
}
