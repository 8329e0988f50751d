/**
 * External Secrets Operator: copies AWS Secrets Manager secrets into Kubernetes Secrets
 * (`external-secrets.io/v1`). The controller's service account has EKS Pod Identity, which
 * is the only credential the ClusterSecretStore uses. It owns CRDs, so it syncs in the
 * platform-controllers wave, before any ExternalSecret.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";

export function externalSecretsValues(names: PlatformNames): Record<string, unknown> {
  return {
    installCRDs: true,
    replicaCount: 2,
    // Two replicas must elect a leader, or both reconcile every ExternalSecret.
    leaderElect: true,
    serviceAccount: { create: true, name: names.identities.externalSecrets.serviceAccount },
  };
}

export const externalSecretsGenerator: GitOpsGenerator = ({ names }) => [
  addonFile(
    "platform",
    chartApplication({
      name: "external-secrets",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.platformControllers,
      destinationNamespace: names.identities.externalSecrets.namespace,
      namespaceMetadata: addonNamespaceMetadata(names, names.identities.externalSecrets.namespace),
      chart: "externalSecrets",
      values: externalSecretsValues(names),
    }),
  ),
];
