/**
 * Objects that known controllers create at run time, so that a reference to them is not
 * an error when the controller that creates them is in the input. An error must mean the
 * API server would reject the object or it cannot work; Argo CD's own install.yaml reads
 * a Secret `argocd-redis` that no manifest holds, because its init container creates it.
 *
 * Each entry is data: the controller, the evidence in the input that it will run there
 * (a container running a given command or image, or a custom resource it reconciles), what
 * it creates, and why (with the upstream source). What a command-line tool creates may be
 * named by its own flags (kube-webhook-certgen's `--secret-name`), read from that container. Rules ask `runtimeObjectsOf(objects)`;
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
  /**
   * A pod template in the input with a container of this image (the last segment of its
   * repository, any registry, tag or digest) whose command and args contain `runs`:
   * creates in that namespace, or where the creation's flags say.
   */
  | { readonly containerImage: string; readonly runs: string }
  /** A custom resource of this `group/Kind`: the controller creates objects for it, in its namespace. */
  | { readonly customResource: string };

export type RuntimeCreation =
  /**
   * An object of this kind and name, in the evidence's namespace; with `inEveryNamespace`,
   * in every namespace of the cluster but the listed ones (a controller that publishes an
   * object to each namespace).
   */
  | { readonly kind: string; readonly name: string; readonly inEveryNamespace?: { readonly except: readonly string[] } }
  /**
   * An object of this kind named by a flag of the evidence's container (`--flag=value` or
   * `--flag value`), in the namespace another flag names (default: the container's own).
   */
  | { readonly kind: string; readonly nameFlag: string; readonly namespaceFlag?: string }
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

const WEBHOOK_CERTGEN_SOURCE =
  "kube-webhook-certgen cmd/create.go (kubernetes/ingress-nginx images/kube-webhook-certgen, and its fork jkroepke/kube-webhook-certgen that kube-prometheus-stack runs)";

const ISTIOD_SOURCE =
  "istio pilot/pkg/serviceregistry/kube/controller/namespacecontroller.go (NamespaceController: CACertNamespaceConfigMap, features.CACertConfigMapName default istio-ca-root-cert; ignoredNamespaces = inject.IgnoredNamespaces minus kube-system)";

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
    controller: "kube-webhook-certgen",
    evidence: { containerImage: "kube-webhook-certgen", runs: "create" },
    creates: { kind: "Secret", nameFlag: "--secret-name", namespaceFlag: "--namespace" },
    why: `the Job running \`kube-webhook-certgen create\` (a Helm hook of ingress-nginx, kube-prometheus-stack and other charts' admission webhooks) creates the Secret --secret-name in --namespace with the webhook's certificate before the webhook's server starts (${WEBHOOK_CERTGEN_SOURCE})`,
  },
  {
    controller: "istiod",
    evidence: { containerImage: "pilot", runs: "discovery" },
    creates: { kind: "ConfigMap", name: "istio-ca-root-cert", inEveryNamespace: { except: ["kube-public", "kube-node-lease", "local-path-storage"] } },
    why: `istiod (the pilot image running \`discovery\`) writes the ConfigMap istio-ca-root-cert with the mesh's root certificate into every namespace but kube-public, kube-node-lease and local-path-storage, and keeps it there; ztunnel, istio-cni, gateways and sidecars mount it (${ISTIOD_SOURCE})`,
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
  // `kind/name` → what creates it in every namespace but some.
  const everywhere = new Map<string, { readonly entry: RuntimeObjectEntry; readonly evidence: SourceObject; readonly except: readonly string[] }>();
  const pods: RuntimePods[] = [];
  for (const entry of table) {
    for (const { evidence, namespace: evidenceNamespace, container } of evidenceOf(entry.evidence, objects)) {
      const creates = entry.creates;
      if ("kind" in creates && "name" in creates && creates.inEveryNamespace !== undefined) {
        const key = `${creates.kind}/${creates.name}`;
        if (!everywhere.has(key)) everywhere.set(key, { entry, evidence, except: creates.inEveryNamespace.except });
      } else if ("kind" in creates) {
        const target = "name" in creates ? { name: creates.name, namespace: evidenceNamespace } : flagNamed(creates, container, evidenceNamespace);
        if (!target) continue;
        const { name, namespace } = target;
        const key = `${creates.kind}/${namespace}/${name}`;
        if (!named.has(key)) named.set(key, { entry, namespace, evidence, kind: creates.kind, name });
      } else {
        const labels: Record<string, string> = {};
        for (const [key, value] of Object.entries(creates.podLabels)) labels[key] = value.replace(/\{name\}/g, evidence.name);
        const extra = creates.extraLabelsAt ? asStringMap(getPath(evidence.document, ...creates.extraLabelsAt)) : {};
        // The operator's own labels win over the user's pod metadata, as in upstream's maps.Copy order.
        pods.push({ entry, namespace: evidenceNamespace, evidence, labels: { ...extra, ...labels } });
      }
    }
  }
  const created = (kind: string, namespace: string, name: string): RuntimeNamedObject | undefined => {
    const here = named.get(`${kind}/${namespace}/${name}`);
    if (here !== undefined) return here;
    const publisher = everywhere.get(`${kind}/${name}`);
    return publisher !== undefined && !publisher.except.includes(namespace) ? { entry: publisher.entry, namespace, evidence: publisher.evidence, kind, name } : undefined;
  };
  return { created, pods };
}

interface Evidence {
  readonly evidence: SourceObject;
  readonly namespace: string;
  /** The container that is the evidence, when a container is. */
  readonly container?: Record<string, unknown>;
}

function evidenceOf(evidence: RuntimeEvidence, objects: readonly SourceObject[]): Evidence[] {
  if ("containerRuns" in evidence || "containerImage" in evidence) {
    const matches = (container: Record<string, unknown>) =>
      "containerRuns" in evidence
        ? commandLine(container).join(" ").includes(evidence.containerRuns)
        : imageName(container.image) === evidence.containerImage && commandLine(container).includes(evidence.runs);
    return workloadsOf(objects).flatMap((workload) =>
      workload.containers
        .filter((container) => matches(container.record))
        .map((container) => ({ evidence: workload.source, namespace: workload.namespace, container: container.record })),
    );
  }
  const slash = evidence.customResource.lastIndexOf("/");
  const group = evidence.customResource.slice(0, slash);
  const kind = evidence.customResource.slice(slash + 1);
  return objectsOfKind(objects, kind)
    .filter((object) => object.apiVersion.startsWith(`${group}/`))
    .map((object) => ({ evidence: object, namespace: namespaceOf(object) }));
}

function commandLine(container: Record<string, unknown>): string[] {
  const parts = [container.command, container.args].flatMap((value) => (Array.isArray(value) ? value : []));
  return parts.filter((part): part is string => typeof part === "string");
}

/** `kube-webhook-certgen` of `registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5@sha256:...`. */
function imageName(image: unknown): string | undefined {
  if (typeof image !== "string") return undefined;
  const repository = image.split("@")[0] ?? "";
  const lastSegment = repository.slice(repository.lastIndexOf("/") + 1);
  return lastSegment.split(":")[0];
}

/**
 * The name and namespace a command-line tool is told to create, from its flags in the
 * form Go's flag and cobra packages accept (`--flag=value`, `--flag value`, `-flag`). A
 * `$(VAR)` reference is expanded as the kubelet does, from the container's env: a literal
 * value, or the pod's namespace (`fieldRef: metadata.namespace`). The kubelet leaves a
 * reference to an undefined variable as it is, so the tool would be told a name no object
 * can have; a variable from a Secret or another field cannot be known offline: in both
 * cases nothing is assumed created.
 */
function flagNamed(
  creates: { readonly nameFlag: string; readonly namespaceFlag?: string },
  container: Record<string, unknown> | undefined,
  podNamespace: string,
): { name: string; namespace: string } | undefined {
  if (!container) return undefined;
  const words = commandLine(container);
  const name = flagValue(words, creates.nameFlag, container, podNamespace);
  if (!name) return undefined;
  const namespace = creates.namespaceFlag === undefined ? podNamespace : flagValue(words, creates.namespaceFlag, container, podNamespace, podNamespace);
  return namespace === undefined ? undefined : { name, namespace };
}

/** The flag's value, `absent` when the flag is not given, undefined when it cannot be known. */
function flagValue(words: readonly string[], flag: string, container: Record<string, unknown>, podNamespace: string, absent?: string): string | undefined {
  const spellings = [flag, flag.replace(/^--/, "-")];
  let value: string | undefined;
  words.forEach((word, index) => {
    for (const spelling of spellings) {
      if (word.startsWith(`${spelling}=`)) value = word.slice(spelling.length + 1);
      else if (word === spelling && index + 1 < words.length) value = words[index + 1];
    }
  });
  if (value === undefined) return absent;
  return expandVariables(value, container, podNamespace);
}

function expandVariables(value: string, container: Record<string, unknown>, podNamespace: string): string | undefined {
  const env = new Map<string, string | undefined>();
  for (const variable of Array.isArray(container.env) ? container.env : []) {
    const record = variable as Record<string, unknown> | null;
    if (typeof record?.name !== "string") continue;
    const fieldPath = getPath(record, "valueFrom", "fieldRef", "fieldPath");
    env.set(record.name, typeof record.value === "string" ? record.value : fieldPath === "metadata.namespace" ? podNamespace : undefined);
  }
  let known = true;
  // $$ is a literal $, as in the kubelet's expansion.
  const expanded = value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (name === undefined) return "$";
    const resolved = env.get(name);
    if (resolved === undefined) {
      known = false;
      return match;
    }
    return resolved;
  });
  return known && expanded !== "" ? expanded : undefined;
}

/** `Secret argocd-redis is created at run time by Argo CD (...)`: the note a rule may print. */
export function describeRuntimeObject(object: RuntimeObject): string {
  return `created at run time by ${object.entry.controller}: ${object.entry.why}`;
}

