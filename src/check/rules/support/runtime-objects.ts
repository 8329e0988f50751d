/**
 * Objects that known controllers create at run time, so that a reference to them is not
 * an error when the controller that creates them is in the input. An error must mean the
 * API server would reject the object or it cannot work; Argo CD's own install.yaml reads
 * a Secret `argocd-redis` that no manifest holds, because its init container creates it.
 *
 * Each entry is data: the controller, the evidence in the input that it will run there
 * (a container running a given command, or a custom resource it reconciles), what it
 * creates, and why (with the upstream source). Rules ask `runtimeObjectsOf(objects)`;
 * they hold no special cases. Documented in docs/check.md ("Objects created at run time").
 */
import type { SourceObject } from "../../finding.js";
import { objectsOfKind } from "./find-objects.js";
import { asStringMap, getPath } from "./json.js";
import { memoizeByObjects } from "./memoize.js";
import { namespaceOf } from "./namespaces.js";
import { workloadsOf } from "./workloads.js";

/** What in the input shows the controller runs, and where it creates its objects. */
export type RuntimeEvidence =
  /** A pod template in the input with a container whose command and args contain `text`: creates in that namespace. */
  | { readonly containerRuns: string }
  /** A custom resource of this `group/Kind`: the controller creates objects for it, in its namespace. */
  | { readonly customResource: string };

export type RuntimeCreation =
  /** An object of this kind and name. */
  | { readonly kind: string; readonly name: string }
  /**
   * Pods labelled with these labels (`{name}` is the custom resource's name), plus the
   * labels of `extraLabelsAt` (a path in the custom resource, e.g. its pod metadata).
   */
  | { readonly podLabels: Readonly<Record<string, string>>; readonly extraLabelsAt?: readonly string[] };

export interface RuntimeObjectEntry {
  readonly controller: string;
  readonly evidence: RuntimeEvidence;
  readonly creates: RuntimeCreation;
  readonly why: string;
}

const PROMETHEUS_OPERATOR_SOURCE = "prometheus-operator pkg/*/operator.go makeSelectorLabels and statefulset.go (v0.92.0), pod labels = selector labels + spec.podMetadata.labels";

const operatorPods = (application: string, nameLabel: string, extra: Readonly<Record<string, string>> = {}): RuntimeCreation => ({
  podLabels: {
    "app.kubernetes.io/name": application,
    "app.kubernetes.io/managed-by": "prometheus-operator",
    "app.kubernetes.io/instance": "{name}",
    [nameLabel]: "{name}",
    ...extra,
  },
  extraLabelsAt: ["spec", "podMetadata", "labels"],
});

export const RUNTIME_OBJECTS: readonly RuntimeObjectEntry[] = [
  {
    controller: "Argo CD",
    evidence: { containerRuns: "redis-initial-password" },
    creates: { kind: "Secret", name: "argocd-redis" },
    why: "Argo CD's Redis pods run the init container `secret-init` (`argocd admin redis-initial-password`), which creates the Secret argocd-redis with a random password before Redis and the Argo CD components start (manifests/install.yaml and manifests/ha/install.yaml since v2.11)",
  },
  {
    controller: "Prometheus Operator",
    evidence: { customResource: "monitoring.coreos.com/Prometheus" },
    creates: operatorPods("prometheus", "prometheus", { "operator.prometheus.io/name": "{name}", "operator.prometheus.io/shard": "0" }),
    why: `the operator runs each Prometheus as the StatefulSet prometheus-<name>, whose pods carry these labels (${PROMETHEUS_OPERATOR_SOURCE})`,
  },
  {
    controller: "Prometheus Operator",
    evidence: { customResource: "monitoring.coreos.com/PrometheusAgent" },
    creates: operatorPods("prometheus-agent", "operator.prometheus.io/name", { "operator.prometheus.io/shard": "0" }),
    why: `the operator runs each PrometheusAgent as the StatefulSet prom-agent-<name> (${PROMETHEUS_OPERATOR_SOURCE})`,
  },
  {
    controller: "Prometheus Operator",
    evidence: { customResource: "monitoring.coreos.com/Alertmanager" },
    creates: operatorPods("alertmanager", "alertmanager"),
    why: `the operator runs each Alertmanager as the StatefulSet alertmanager-<name> (${PROMETHEUS_OPERATOR_SOURCE})`,
  },
  {
    controller: "Prometheus Operator",
    evidence: { customResource: "monitoring.coreos.com/ThanosRuler" },
    creates: operatorPods("thanos-ruler", "thanos-ruler"),
    why: `the operator runs each ThanosRuler as the StatefulSet thanos-ruler-<name> (${PROMETHEUS_OPERATOR_SOURCE})`,
  },
];

export interface RuntimeObject {
  readonly entry: RuntimeObjectEntry;
  readonly namespace: string;
  /** The object in the input that is the evidence. */
  readonly evidence: SourceObject;
}

export interface RuntimeNamedObject extends RuntimeObject {
  readonly kind: string;
  readonly name: string;
}

export interface RuntimePods extends RuntimeObject {
  readonly labels: Readonly<Record<string, string>>;
}

export interface RuntimeObjects {
  /** The entry that creates `kind` `name` in `namespace` at run time, if the input shows its controller. */
  created(kind: string, namespace: string, name: string): RuntimeNamedObject | undefined;
  /** Label sets of pods that controllers create at run time. */
  readonly pods: readonly RuntimePods[];
}

/** What the controllers in the input will create (derived once per input). */
export const runtimeObjectsOf = memoizeByObjects((objects: readonly SourceObject[]): RuntimeObjects => runtimeObjects(objects, RUNTIME_OBJECTS));

export function runtimeObjects(objects: readonly SourceObject[], table: readonly RuntimeObjectEntry[]): RuntimeObjects {
  const named = new Map<string, RuntimeNamedObject>();
  const pods: RuntimePods[] = [];
  for (const entry of table) {
    for (const { evidence, namespace } of evidenceOf(entry.evidence, objects)) {
      const creates = entry.creates;
      if ("kind" in creates) {
        const key = `${creates.kind}/${namespace}/${creates.name}`;
        if (!named.has(key)) named.set(key, { entry, namespace, evidence, kind: creates.kind, name: creates.name });
      } else {
        const labels: Record<string, string> = {};
        for (const [key, value] of Object.entries(creates.podLabels)) labels[key] = value.replace(/\{name\}/g, evidence.name);
        const extra = creates.extraLabelsAt ? asStringMap(getPath(evidence.document, ...creates.extraLabelsAt)) : {};
        // The operator's own labels win over the user's pod metadata, as in upstream's maps.Copy order.
        pods.push({ entry, namespace, evidence, labels: { ...extra, ...labels } });
      }
    }
  }
  return { created: (kind, namespace, name) => named.get(`${kind}/${namespace}/${name}`), pods };
}

function evidenceOf(evidence: RuntimeEvidence, objects: readonly SourceObject[]): { evidence: SourceObject; namespace: string }[] {
  if ("containerRuns" in evidence) {
    return workloadsOf(objects)
      .filter((workload) => workload.containers.some((container) => commandLine(container.record).includes(evidence.containerRuns)))
      .map((workload) => ({ evidence: workload.source, namespace: workload.namespace }));
  }
  const slash = evidence.customResource.lastIndexOf("/");
  const group = evidence.customResource.slice(0, slash);
  const kind = evidence.customResource.slice(slash + 1);
  return objectsOfKind(objects, kind)
    .filter((object) => object.apiVersion.startsWith(`${group}/`))
    .map((object) => ({ evidence: object, namespace: namespaceOf(object) }));
}

function commandLine(container: Record<string, unknown>): string {
  const parts = [container.command, container.args].flatMap((value) => (Array.isArray(value) ? value : []));
  return parts.filter((part): part is string => typeof part === "string").join(" ");
}

/** `Secret argocd-redis is created at run time by Argo CD (...)`: the note a rule may print. */
export function describeRuntimeObject(object: RuntimeObject): string {
  return `created at run time by ${object.entry.controller}: ${object.entry.why}`;
}

