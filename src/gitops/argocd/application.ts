/**
 * Builder of Argo CD `Application` objects, the unit the root app-of-apps owns.
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

function applicationObject(options: ApplicationOptions, source: Record<string, unknown>): KubeObject {
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
        syncOptions: [...BASE_SYNC_OPTIONS, ...(options.syncOptions ?? [])],
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
  });
}

/** An Application applying a folder of this GitOps repository. */
export function folderApplication(spec: PlatformSpec, options: FolderSourceOptions): KubeObject {
  return applicationObject(options, {
    repoURL: spec.gitops.repoURL,
    targetRevision: spec.gitops.targetRevision,
    path: repoPath(spec, options.folder),
  });
}

export interface GitSourceOptions extends ApplicationOptions {
  readonly repoURL: string;
  readonly targetRevision: string;
  /** Folder inside that repository. */
  readonly path: string;
}

/** An Application applying a folder of any Git repository (a team's own, or this one). */
export function gitApplication(options: GitSourceOptions): KubeObject {
  return applicationObject(options, { repoURL: options.repoURL, targetRevision: options.targetRevision, path: options.path });
}
