/**
 * Platform objects that use the add-ons' CRDs (NodePools, the ClusterSecretStore,
 * ExternalSecrets) or that later waves need (the gp3 StorageClass), one repository
 * folder each, and for each folder the Application that applies it in the configuration
 * wave: after the CRD owners, before the monitoring stack that needs storage and secrets.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { folderApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator, ManifestFile } from "../gitops-file.js";
import { addonNamespaceMetadata } from "../addons/addon-namespaces.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonEnabled } from "../addons/catalog.js";
import { clusterSecretStore } from "./cluster-secret-store.js";
import { ec2NodeClass } from "./karpenter/ec2-node-class.js";
import { nodePools } from "./karpenter/node-pools.js";
import { MONITORING_SECRETS_FOLDER, monitoringExternalSecrets } from "./monitoring-secrets.js";
import { defaultStorageClass } from "./storage-class.js";

/** Folder holding the Applications of the platform folders (applied by the root Application). */
export const PLATFORM_APPLICATIONS_FOLDER = "apps/platform-config";

/** Names of the Applications that apply the platform folders. */
export const PLATFORM_FOLDER_APPLICATIONS = {
  karpenterNodePools: "karpenter-nodepools",
  storageClasses: "storage-classes",
  clusterSecretStore: "cluster-secret-store",
  monitoringSecrets: "monitoring-secrets",
} as const;

export interface PlatformFolder {
  /** Name of the Application that applies the folder. */
  readonly application: string;
  readonly folder: string;
  /** Namespace for objects without one; created if missing. */
  readonly namespace: string;
  /** File name → objects. */
  readonly files: Readonly<Record<string, readonly KubeObject[]>>;
}

export function platformFolders(spec: PlatformSpec, names: PlatformNames): PlatformFolder[] {
  const folders: PlatformFolder[] = [];
  if (addonEnabled(spec, "karpenter")) {
    folders.push({
      application: PLATFORM_FOLDER_APPLICATIONS.karpenterNodePools,
      folder: "platform/karpenter",
      namespace: names.identities.karpenter.namespace,
      files: { "ec2nodeclass.yaml": [ec2NodeClass(spec, names)], "nodepools.yaml": nodePools(spec) },
    });
  }
  folders.push({
    application: PLATFORM_FOLDER_APPLICATIONS.storageClasses,
    folder: "platform/storage",
    namespace: names.namespaces.system,
    files: { "storageclass.yaml": [defaultStorageClass()] },
  });
  // The store and the monitoring Secrets exist only for what uses them (catalog dependants).
  if (addonEnabled(spec, "external-secrets")) {
    folders.push({
      application: PLATFORM_FOLDER_APPLICATIONS.clusterSecretStore,
      folder: "platform/external-secrets",
      namespace: names.identities.externalSecrets.namespace,
      files: { "cluster-secret-store.yaml": [clusterSecretStore(names)] },
    });
  }
  if (addonEnabled(spec, "kube-prometheus-stack")) {
    folders.push({
      application: PLATFORM_FOLDER_APPLICATIONS.monitoringSecrets,
      folder: MONITORING_SECRETS_FOLDER,
      // The Application creates the monitoring namespace before the monitoring charts arrive.
      namespace: names.namespaces.monitoring,
      files: { "external-secrets.yaml": monitoringExternalSecrets(names) },
    });
  }
  return folders;
}

export const platformFoldersGenerator: GitOpsGenerator = ({ spec, names }) => {
  const files: ManifestFile[] = [];
  for (const folder of platformFolders(spec, names)) {
    for (const [file, objects] of Object.entries(folder.files)) files.push({ path: `${folder.folder}/${file}`, objects });
    files.push({
      path: `${PLATFORM_APPLICATIONS_FOLDER}/${folder.application}.yaml`,
      objects: [
        folderApplication(spec, {
          name: folder.application,
          project: PLATFORM_PROJECT,
          wave: SYNC_WAVES.platformConfiguration,
          destinationNamespace: folder.namespace,
          // The first Application to create a namespace (monitoring) labels it like the add-ons do.
          namespaceMetadata: addonNamespaceMetadata(names, folder.namespace),
          folder: folder.folder,
        }),
      ],
    });
  }
  return files;
};
