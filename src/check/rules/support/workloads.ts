/**
 * Every pod the input runs, whatever object carries it: the kinds of
 * pod-security/pod-templates.ts (Pod, ReplicationController, Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob, Argo Rollouts Rollout) matched by API group, and a
 * Rollout's `workloadRef` to a Deployment. Rules about pods read these, never the raw
 * kinds, so a new workload kind is added to that one table.
 */
import type { SourceObject } from "../../finding.js";
import type { FieldPath } from "../../load/locate-field.js";
import { podTemplatesOf } from "../../pod-security/pod-templates.js";
import { asName, asNumber, asRecord, asRecords, asString, asStringMap, getPath, type JsonRecord } from "./json.js";
import { findNamespaced } from "./find-objects.js";
import { memoizeByObjects } from "./memoize.js";
import { namespaceOf } from "./namespaces.js";

export interface WorkloadPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

export interface WorkloadContainer {
  readonly name: string;
  readonly record: JsonRecord;
  /** Where the container is in the workload's own document; undefined for a template borrowed from another object. */
  readonly path?: FieldPath;
  /** Init containers run before the app starts; sidecars are init containers with restartPolicy Always. */
  readonly role: "container" | "init" | "sidecar";
}

export interface Workload {
  readonly source: SourceObject;
  readonly namespace: string;
  /** Labels of the pods the template creates. */
  readonly labels: Readonly<Record<string, string>>;
  readonly podSpec: JsonRecord;
  readonly containers: readonly WorkloadContainer[];
  readonly ports: readonly WorkloadPort[];
  /** Jobs and CronJobs run to completion: probes do not apply to them. */
  readonly runsToCompletion: boolean;
}

/**
 * The pod template (`{metadata, spec}`) an object runs, read by pod-templates.ts like Pod
 * Security reads it, plus what only the lint rules need: a Rollout's `workloadRef` resolved
 * to the Deployment whose template it adopts. A PodTemplate runs no pod by itself, so it is
 * not a workload (Pod Security still checks it).
 */
function workloadTemplateOf(object: SourceObject, objects: readonly SourceObject[]): (JsonRecord & { readonly specPath?: FieldPath }) | undefined {
  if (object.kind === "PodTemplate") return undefined;
  const pods = podTemplatesOf(objects).byObject;
  const own = pods.get(object);
  if (own !== undefined) return { metadata: own.metadata, spec: own.spec, specPath: [...own.templatePath, "spec"] };
  if (object.kind !== "Rollout" || !object.apiVersion.startsWith("argoproj.io/")) return undefined;
  const reference = asRecord(asRecord(object.document.spec)?.workloadRef);
  const name = asName(reference?.name);
  const referenced = name ? findNamespaced(objects, asString(reference?.kind) ?? "Deployment", name, namespaceOf(object)) : undefined;
  const borrowed = referenced ? pods.get(referenced) : undefined;
  return borrowed ? { metadata: borrowed.metadata, spec: borrowed.spec } : undefined;
}

function containersOf(podSpec: JsonRecord, specPath: FieldPath | undefined): WorkloadContainer[] {
  const containers: WorkloadContainer[] = [];
  for (const list of ["initContainers", "containers"] as const) {
    const items = Array.isArray(podSpec[list]) ? (podSpec[list] as unknown[]) : [];
    items.forEach((item, index) => {
      const record = asRecord(item);
      if (record === undefined) return;
      const role = list === "containers" ? "container" : record.restartPolicy === "Always" ? "sidecar" : "init";
      containers.push({ name: asString(record.name) ?? "", record, role, ...(specPath ? { path: [...specPath, list, index] } : {}) });
    });
  }
  return containers;
}

function portsOf(containers: readonly WorkloadContainer[]): WorkloadPort[] {
  return containers.flatMap((container) =>
    asRecords(container.record.ports).flatMap((port) => {
      const number = asNumber(port.containerPort);
      if (number === undefined) return [];
      const name = asName(port.name);
      return [{ ...(name ? { name } : {}), port: number, protocol: asString(port.protocol) ?? "TCP" }];
    }),
  );
}

/** All workloads, in input order (derived once per input). */
export const workloadsOf = memoizeByObjects((objects: readonly SourceObject[]): readonly Workload[] => {
  const workloads: Workload[] = [];
  for (const object of objects) {
    const template = workloadTemplateOf(object, objects);
    const podSpec = asRecord(template?.spec);
    if (!template || !podSpec) continue;
    const containers = containersOf(podSpec, template.specPath);
    workloads.push({
      source: object,
      namespace: namespaceOf(object),
      labels: asStringMap(getPath(template, "metadata", "labels")),
      podSpec,
      containers,
      ports: portsOf(containers),
      runsToCompletion: object.kind === "Job" || object.kind === "CronJob",
    });
  }
  return workloads;
});

/** `kind/namespace/name` → the first workload of that kind and name in the namespace (derived once per input). */
const workloadsByName = memoizeByObjects((objects: readonly SourceObject[]): ReadonlyMap<string, Workload> => {
  const byName = new Map<string, Workload>();
  for (const workload of workloadsOf(objects)) {
    const key = JSON.stringify([workload.source.kind, workload.namespace, workload.source.name]);
    if (!byName.has(key)) byName.set(key, workload);
  }
  return byName;
});

/** The first workload (in input order) of this kind and name in the namespace. */
export function findWorkload(objects: readonly SourceObject[], kind: string, namespace: string, name: string): Workload | undefined {
  return workloadsByName(objects).get(JSON.stringify([kind, namespace, name]));
}
