/**
 * What Argo CD would deploy from the Applications in the input that install a Helm chart,
 * or create a namespace, so `slipway check` judges the cluster Argo CD makes, not only the
 * Application objects:
 *
 * - every chart source is resolved through the chart cache (`--charts DIR|URL`,
 *   `SLIPWAY_CHARTS`, `~/.cache/slipway/charts`, then `helm pull`) and rendered as Argo CD
 *   renders it (src/charts/render-addons.ts); the rendered objects are checked with the
 *   rest and attributed to the Application's file and line;
 * - a chart that cannot be resolved is one `input` info finding naming the chart and how
 *   to supply it: checking never fails because a machine is offline;
 * - an Application with `CreateNamespace=true` whose destination namespace is not in the
 *   input yields that Namespace with the labels of `managedNamespaceMetadata`, which is
 *   what Argo CD creates: Pod Security is then judged against the labels the namespace
 *   really gets, not an assumed policy.
 */
import { ChartResolver } from "../../charts/chart-resolver.js";
import { chartApplications, type ChartApplication } from "../../charts/chart-applications.js";
import { renderChartApplications } from "../../charts/render-addons.js";
import { SlipwayError } from "../../errors.js";
import { createdNamespace } from "../../manifest/created-namespace.js";
import type { KubeObject } from "../../manifest/kube-object.js";
import { describeObject, type Finding, type SourceObject } from "../finding.js";
import { isPlainObject } from "../../manifest/plain-object.js";

/** How `slipway check` renders charts: what the caller chooses. */
export interface ChartRendering {
  /** Kubernetes minor version the charts are rendered for (`1.35`). */
  readonly kubernetesVersion: string;
  /** `--charts DIR|URL`; when absent, `SLIPWAY_CHARTS`, the chart cache, then `helm pull`. */
  readonly charts?: string;
  /** A resolver to share with other work. @default one made from `charts` */
  readonly resolver?: ChartResolver;
}

export interface RenderChartsOptions extends ChartRendering {
  /** Folder a relative `charts` is resolved against. */
  readonly cwd: string;
  /** Rule id of the loader's own findings. */
  readonly ruleId: string;
}

export interface RenderedCharts {
  readonly objects: SourceObject[];
  readonly findings: Finding[];
}

export async function renderChartSources(loaded: readonly SourceObject[], options: RenderChartsOptions): Promise<RenderedCharts> {
  const objects: SourceObject[] = [];
  const findings: Finding[] = [];
  const applicationSources = new Map<string, SourceObject>();
  for (const object of loaded) {
    if (isApplication(object) && !applicationSources.has(object.name)) applicationSources.set(object.name, object);
  }
  if (applicationSources.size === 0) return { objects, findings };
  const resolver = options.resolver ?? new ChartResolver({ ...(options.charts !== undefined ? { charts: options.charts } : {}), cwd: options.cwd });

  const available: ChartApplication[] = [];
  for (const application of chartApplications([...applicationSources.values()].map((source) => source.document as unknown as KubeObject))) {
    const source = applicationSources.get(application.name)!;
    try {
      await resolver.resolve(application.coordinates, `Application ${application.name}`);
      available.push(application);
    } catch (error) {
      if (!(error instanceof SlipwayError) || error.code !== "CHART_UNAVAILABLE") throw error;
      findings.push({
        ruleId: options.ruleId,
        severity: "info",
        file: source.file,
        line: source.line,
        object: describeObject(source),
        message: `the chart ${application.coordinates.chart} ${application.coordinates.version} is not available, so what it installs was not checked`,
        fix: "pass --charts DIR|URL (a Helm repository holding the chart) or set SLIPWAY_CHARTS; online, the chart is pulled into the chart cache",
      });
    }
  }

  if (available.length > 0) {
    const rendered = await renderChartApplications(available, { resolver, kubernetesVersion: options.kubernetesVersion });
    const renderedCrds = [...rendered.addons.values()].flatMap((addon) => addon.objects.map((object) => ({ kind: object.kind, document: object as unknown as Record<string, unknown> })));
    const customKinds = clusterScopedCustomKinds([...loaded, ...renderedCrds]);
    for (const application of available) {
      const addon = rendered.addons.get(application.name);
      const source = applicationSources.get(application.name)!;
      const origin = `${application.coordinates.chart}@${addon?.chart.version ?? application.coordinates.version} of Application ${application.name}`;
      addon?.objects.forEach((object, index) => objects.push(renderedSource(object, isClusterScoped(object, customKinds) ? undefined : application.namespace, source, index, origin)));
    }
  }

  const declared = new Set([...loaded, ...objects].filter((object) => object.kind === "Namespace" && object.apiVersion === "v1").map((object) => object.name));
  for (const source of applicationSources.values()) {
    const namespace = createdNamespace(source.document);
    if (namespace === undefined || declared.has(namespace.metadata.name)) continue;
    declared.add(namespace.metadata.name);
    objects.push({ document: namespace as unknown as Record<string, unknown>, apiVersion: "v1", kind: "Namespace", name: namespace.metadata.name, file: source.file, documentIndex: source.documentIndex, line: source.line });
  }
  return { objects, findings };
}

/** `releaseNamespace`: undefined for a cluster-scoped object. */
function renderedSource(object: KubeObject, releaseNamespace: string | undefined, application: SourceObject, index: number, renderedFrom: string): SourceObject {
  // helm template leaves the release namespace out of most objects; Argo CD applies them there.
  const namespace = object.metadata?.namespace ?? releaseNamespace;
  const document = (namespace !== undefined && object.metadata?.namespace === undefined ? { ...object, metadata: { ...object.metadata, namespace } } : object) as unknown as Record<string, unknown>;
  return {
    document,
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: String(object.metadata?.name ?? ""),
    ...(namespace !== undefined ? { namespace } : {}),
    file: application.file,
    documentIndex: application.documentIndex * 100000 + index + 1,
    line: application.line,
    renderedFrom,
  };
}

/**
 * Built-in kinds that are cluster-scoped (Kubernetes API discovery, stable across the
 * versions EKS supports); a custom kind's scope is read from its CRD.
 */
const CLUSTER_SCOPED_BUILT_IN_KINDS = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "CustomResourceDefinition",
  "APIService",
  "ClusterRole",
  "ClusterRoleBinding",
  "PriorityClass",
  "StorageClass",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "IngressClass",
  "RuntimeClass",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "FlowSchema",
  "PriorityLevelConfiguration",
  "CertificateSigningRequest",
  "ClusterTrustBundle",
  "DeviceClass",
  "ResourceSlice",
  "IPAddress",
  "ServiceCIDR",
  "VolumeAttributesClass",
]);

/** `group/Kind` of every cluster-scoped custom kind among the CRDs given. */
function clusterScopedCustomKinds(objects: readonly { kind: string; document: Record<string, unknown> }[]): Set<string> {
  const kinds = new Set<string>();
  for (const object of objects) {
    if (object.kind !== "CustomResourceDefinition") continue;
    const spec = record(object.document.spec);
    const kind = record(spec.names).kind;
    if (spec.scope === "Cluster" && typeof spec.group === "string" && typeof kind === "string") kinds.add(`${spec.group}/${kind}`);
  }
  return kinds;
}

function isClusterScoped(object: KubeObject, customKinds: ReadonlySet<string>): boolean {
  const group = object.apiVersion.includes("/") ? object.apiVersion.slice(0, object.apiVersion.lastIndexOf("/")) : "";
  return customKinds.has(`${group}/${object.kind}`) || (!object.apiVersion.includes(".") || group.endsWith(".k8s.io") ? CLUSTER_SCOPED_BUILT_IN_KINDS.has(object.kind) : false);
}

function isApplication(object: SourceObject): boolean {
  return object.kind === "Application" && object.apiVersion.startsWith("argoproj.io/");
}

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}
