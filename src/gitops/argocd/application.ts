/**
 * Builder of Argo CD `Application` objects, the unit the root app-of-apps owns.
 *
 * Applications whose manifests Slipway writes or renders (the pinned add-on charts and the
 * folders of this repository) sync with `Validate=false`. Argo CD's kubectl validation
 * costs the application-controller, for every object it applies (dry run and apply), the
 * download and parse of the object's whole group-version OpenAPI v3 document (a new
 * verifier per object: kubectl's `cachingVerifier` does not outlive one apply); measured on
 * the local control plane, that was more than half of the controller's CPU in a sync of the
 * platform. What it adds is rejecting unknown fields (`fieldValidation=Strict`): these
 * manifests are checked before they reach Argo CD by `slipway check`, against the same
 * schemas with unknown fields refused, and a field the API server would drop still shows
 * as a difference (OutOfSync) in Argo CD's diff. A team's own repository or folder
 * (gitApplication) keeps Argo CD's validation: Slipway has not checked that content.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import { PLATFORM_NAMESPACES } from "../../platform-spec/names.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { CHARTS, CRD_API_VERSIONS, type ChartName } from "../../versions.js";
import { repoPath } from "../gitops-file.js";
import type { SyncWave } from "../sync-waves.js";

export const ARGOCD_NAMESPACE = PLATFORM_NAMESPACES.argocd;

/** Labels and annotations Argo CD sets on the destination namespace it creates. */
export interface ManagedNamespaceMetadata {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ApplicationOptions {
  readonly name: string;
  /** AppProject the Application belongs to. */
  readonly project: string;
  readonly wave: SyncWave;
  /** Namespace the Application's objects go to when they do not name one. */
  readonly destinationNamespace: string;
  /** Extra sync options, e.g. `ServerSideApply=true` for charts with large CRDs. */
  readonly syncOptions?: readonly string[];
  /** Fields Argo CD must not diff (e.g. replicas owned by an HPA). */
  readonly ignoreDifferences?: readonly Record<string, unknown>[];
  /**
   * Metadata of the destination namespace (`syncPolicy.managedNamespaceMetadata`): how a
   * namespace made by `CreateNamespace=true` gets its Pod Security labels.
   * @default none: the namespace is left as it is
   */
  readonly namespaceMetadata?: ManagedNamespaceMetadata;
}

export interface ChartSourceOptions extends ApplicationOptions {
  readonly chart: ChartName;
  /** Helm release name. @default name */
  readonly releaseName?: string;
  readonly values: Record<string, unknown>;
}

export interface FolderSourceOptions extends ApplicationOptions {
  /** Folder of the GitOps repository, relative to its root (`platform/karpenter`). */
  readonly folder: string;
}

const BASE_SYNC_OPTIONS = ["CreateNamespace=true"];
/** For manifests Slipway wrote or rendered and `slipway check` validates (module comment). */
export const CHECKED_SOURCE_SYNC_OPTIONS = ["Validate=false"];

type SourceOrigin = "checked by slipway" | "written by a team";

function applicationObject(options: ApplicationOptions, source: Record<string, unknown>, origin: SourceOrigin): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.argoApplication,
    kind: "Application",
    metadata: {
      name: options.name,
      namespace: ARGOCD_NAMESPACE,
      annotations: { "argocd.argoproj.io/sync-wave": String(options.wave) },
      // Deleting the Application deletes what it deployed, in the background.
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: {
      project: options.project,
      source,
      destination: { server: "https://kubernetes.default.svc", namespace: options.destinationNamespace },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: [...BASE_SYNC_OPTIONS, ...(origin === "checked by slipway" ? CHECKED_SOURCE_SYNC_OPTIONS : []), ...(options.syncOptions ?? [])],
        ...(options.namespaceMetadata ? { managedNamespaceMetadata: options.namespaceMetadata } : {}),
        retry: { limit: 10, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
      },
      ...(options.ignoreDifferences ? { ignoreDifferences: options.ignoreDifferences } : {}),
    },
  };
}

/** An Application installing a Helm chart pinned in the version table, with inline values. */
export function chartApplication(options: ChartSourceOptions): KubeObject {
  const chart = CHARTS[options.chart];
  return applicationObject(options, {
    repoURL: chart.repoURL,
    chart: chart.chart,
    targetRevision: chart.version,
    helm: { releaseName: options.releaseName ?? options.name, valuesObject: options.values },
  }, "checked by slipway");
}

/** An Application applying a folder of this GitOps repository. */
export function folderApplication(spec: PlatformSpec, options: FolderSourceOptions): KubeObject {
  return applicationObject(options, {
    repoURL: spec.gitops.repoURL,
    targetRevision: spec.gitops.targetRevision,
    path: repoPath(spec, options.folder),
  }, "checked by slipway");
}

export interface GitSourceOptions extends ApplicationOptions {
  readonly repoURL: string;
  readonly targetRevision: string;
  /** Folder inside that repository. */
  readonly path: string;
}

/** An Application applying a folder of any Git repository (a team's own, or this one). */
export function gitApplication(options: GitSourceOptions): KubeObject {
  return applicationObject(options, { repoURL: options.repoURL, targetRevision: options.targetRevision, path: options.path }, "written by a team");
}
