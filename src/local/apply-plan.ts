/**
 * What `up --local` applies from the synthesized GitOps repository, and in which order.
 *
 * The repository is what Argo CD would read: every manifest object in it is applied, in
 * dependency order (namespaces and cluster-wide definitions, then the objects that
 * configure a namespace, then workloads, then what refers to workloads), so quotas,
 * limit ranges and service accounts exist before the first pod is created. Namespaces
 * that Argo CD creates (`CreateNamespace=true`) are created as Argo CD creates them, with
 * the labels of the Application's `managedNamespaceMetadata` (Pod Security enforce, audit
 * and warn); a namespace nothing declares or creates is created bare, as
 * `kubectl create namespace` would. The rendered add-ons (addon-objects.ts) are planned
 * with the rest: a namespaced object helm template left without a namespace goes to its
 * release namespace. Objects whose API the server does not serve (no CRD installed for
 * them) and chart Applications whose chart was not rendered are listed with the reason,
 * never silently dropped.
 */
import { parseAllDocuments } from "yaml";
import { createdNamespace } from "../manifest/created-namespace.js";
import type { KubeObject } from "../manifest/kube-object.js";

/** What discovery says about a kind: its REST resource and whether it lives in a namespace. */
export interface ServedKind {
  readonly resource: string;
  readonly namespaced: boolean;
}

/** Served kinds by `apiVersion/kind`. */
export type ServedKinds = ReadonlyMap<string, ServedKind>;

export interface PlannedObject {
  readonly object: KubeObject;
  /** Repository file it comes from (or why it was added). */
  readonly source: string;
  readonly served: ServedKind;
}

export interface SkippedObject {
  readonly key: string;
  readonly source: string;
  readonly reason: string;
}

export interface ApplyPhase {
  readonly name: string;
  readonly objects: readonly PlannedObject[];
}

export interface ApplyPlan {
  readonly phases: readonly ApplyPhase[];
  /** Objects not applied, with the reason. */
  readonly skipped: readonly SkippedObject[];
  /** Applications applied whose Helm chart cannot be rendered offline: what they install does not run locally. */
  readonly notRendered: readonly SkippedObject[];
}

const PHASES = ["namespaces and cluster-wide definitions", "namespace configuration", "workloads", "autoscaling, disruption budgets and the rest"] as const;

/** Kinds that define what later objects need: they go first (with namespaces). */
const DEFINITION_KINDS = new Set(["Namespace", "PriorityClass", "StorageClass", "IngressClass", "ClusterRole", "ClusterRoleBinding", "RuntimeClass", "CustomResourceDefinition"]);
/** Kinds that create pods: applied once everything a pod is admitted against exists. */
const WORKLOAD_KINDS = new Set(["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Rollout"]);
/** Kinds that refer to workloads (scale targets, selectors of running pods). */
const FOLLOWER_KINDS = new Set(["HorizontalPodAutoscaler", "PodDisruptionBudget", "Application", "ApplicationSet"]);

/** Objects of the kustomize build tooling, not of the cluster. */
const TOOLING_GROUPS = ["kustomize.config.k8s.io/", "config.kubernetes.io/"];

export function objectsOfTree(tree: ReadonlyMap<string, string>): { object: KubeObject; source: string }[] {
  const found: { object: KubeObject; source: string }[] = [];
  for (const [path, content] of tree) {
    if (!/\.ya?ml$/.test(path)) continue;
    for (const document of parseAllDocuments(content)) {
      const value: unknown = document.toJS();
      if (!isKubeObject(value) || TOOLING_GROUPS.some((group) => value.apiVersion.startsWith(group))) continue;
      found.push({ object: value, source: path });
    }
  }
  return found;
}

/** An object to apply, from a repository file or a rendered add-on. */
export interface PlanInput {
  readonly object: KubeObject;
  readonly source: string;
  /** Namespace of a namespaced object that names none (a chart's release namespace). */
  readonly namespace?: string;
}

export interface PlanOptions {
  /** Chart Applications whose rendered objects are among the input. */
  readonly renderedApplications?: ReadonlySet<string>;
  /** Why a chart Application's chart was not rendered, by Application name. */
  readonly notRenderedReasons?: ReadonlyMap<string, string>;
}

export function planApply(objects: readonly PlanInput[], served: ServedKinds, options: PlanOptions = {}): ApplyPlan {
  const phases: PlannedObject[][] = PHASES.map(() => []);
  const skipped: SkippedObject[] = [];
  const notRendered: SkippedObject[] = [];
  const declaredNamespaces = new Set(objects.filter(({ object }) => object.kind === "Namespace").map(({ object }) => object.metadata.name));
  const argoCreated = argoCreatedNamespaces(objects);
  const neededNamespaces = new Map<string, string>();
  for (const input of objects) {
    const { source } = input;
    const kind = served.get(`${input.object.apiVersion}/${input.object.kind}`);
    if (kind === undefined) {
      skipped.push({ key: displayKey(input.object), source, reason: `the API server does not serve ${input.object.apiVersion} ${input.object.kind}: install its CRD (pass the folder holding it with --crds)` });
      continue;
    }
    const object = kind.namespaced && input.object.metadata.namespace === undefined && input.namespace !== undefined ? { ...input.object, metadata: { ...input.object.metadata, namespace: input.namespace } } : input.object;
    const chart = helmChartOf(object);
    if (chart !== undefined && !options.renderedApplications?.has(object.metadata.name)) {
      notRendered.push({ key: displayKey(object), source, reason: options.notRenderedReasons?.get(object.metadata.name) ?? `installs the Helm chart ${chart}, which was not rendered` });
    }
    const namespace = object.metadata.namespace;
    if (kind.namespaced && namespace !== undefined && !declaredNamespaces.has(namespace) && !neededNamespaces.has(namespace)) {
      neededNamespaces.set(namespace, source);
    }
    phases[phaseOf(object.kind)]!.push({ object, source, served: kind });
  }
  const namespaceKind = served.get("v1/Namespace");
  if (namespaceKind !== undefined) {
    for (const [name, created] of argoCreated) {
      if (!declaredNamespaces.has(name)) phases[0]!.push({ ...created, served: namespaceKind });
    }
    for (const [name, source] of neededNamespaces) {
      if (argoCreated.has(name)) continue;
      phases[0]!.push({ object: { apiVersion: "v1", kind: "Namespace", metadata: { name } }, source: `namespace of ${source} (no file declares it)`, served: namespaceKind });
    }
  }
  return {
    phases: PHASES.map((name, index) => ({ name, objects: [...phases[index]!].sort(compareObjects) })),
    skipped: [...skipped].sort((a, b) => compareText(a.key, b.key)),
    notRendered: [...notRendered].sort((a, b) => compareText(a.key, b.key)),
  };
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects), as the summary prints it. */
export function displayKey(object: KubeObject): string {
  const namespace = object.metadata.namespace;
  return `${object.kind} ${namespace === undefined ? "" : `${namespace}/`}${object.metadata.name}`;
}

/**
 * The namespaces Argo CD creates for Applications with `CreateNamespace=true`, with their
 * `managedNamespaceMetadata` labels; the first Application (by name) wins where several
 * share a namespace (the platform gives them all the same metadata).
 */
function argoCreatedNamespaces(objects: readonly PlanInput[]): Map<string, { object: KubeObject; source: string }> {
  const created = new Map<string, { object: KubeObject; source: string }>();
  const applications = objects.filter(({ object }) => object.kind === "Application" && object.apiVersion.startsWith("argoproj.io/"));
  for (const { object } of [...applications].sort((a, b) => compareText(a.object.metadata.name, b.object.metadata.name))) {
    const namespace = createdNamespace(object);
    if (namespace === undefined || created.has(namespace.metadata.name)) continue;
    created.set(namespace.metadata.name, { object: namespace, source: `Argo CD CreateNamespace=true of Application ${object.metadata.name}` });
  }
  return created;
}

function phaseOf(kind: string): number {
  if (DEFINITION_KINDS.has(kind)) return 0;
  if (WORKLOAD_KINDS.has(kind)) return 2;
  if (FOLLOWER_KINDS.has(kind)) return 3;
  return 1;
}

function helmChartOf(object: KubeObject): string | undefined {
  if (object.kind !== "Application" || !object.apiVersion.startsWith("argoproj.io/")) return undefined;
  const spec = object.spec as { source?: { chart?: string; targetRevision?: string }; sources?: { chart?: string; targetRevision?: string }[] } | undefined;
  const chart = [spec?.source, ...(spec?.sources ?? [])].find((source) => source?.chart !== undefined);
  return chart === undefined ? undefined : `${chart.chart}@${chart.targetRevision ?? "?"}`;
}

/** Argo CD sync waves first (what Argo CD would order by), then kind, namespace and name. */
function compareObjects(a: PlannedObject, b: PlannedObject): number {
  const wave = syncWave(a.object) - syncWave(b.object);
  if (wave !== 0) return wave;
  return compareText(`${a.object.kind}/${a.object.metadata.namespace ?? ""}/${a.object.metadata.name}`, `${b.object.kind}/${b.object.metadata.namespace ?? ""}/${b.object.metadata.name}`);
}

function syncWave(object: KubeObject): number {
  const wave = Number(object.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);
  return Number.isFinite(wave) ? wave : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<KubeObject>;
  return typeof candidate.apiVersion === "string" && typeof candidate.kind === "string" && typeof candidate.metadata?.name === "string";
}
