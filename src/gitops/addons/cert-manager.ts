/**
 * cert-manager: issues and renews certificates for in-cluster TLS (webhooks, internal
 * endpoints). The chart installs its CRDs (`crds.enabled`) and keeps them when the release
 * is removed, so Certificates are never garbage-collected with the chart. It syncs in its
 * own wave before the system controllers, because the AWS Load Balancer Controller's and
 * the Prometheus Operator's webhook certificates are cert-manager Certificates (see
 * sync-waves.ts); so it cannot be turned off while either is on (catalog.ts).
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";

export function certManagerValues(names: PlatformNames): Record<string, unknown> {
  return {
    crds: { enabled: true, keep: true },
    replicaCount: 2,
    serviceAccount: { create: true, name: names.identities.certManager.serviceAccount },
  };
}

export const certManagerGenerator: GitOpsGenerator = ({ names }) => [
  addonFile(
    "platform",
    chartApplication({
      name: "cert-manager",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.certificates,
      destinationNamespace: names.identities.certManager.namespace,
      namespaceMetadata: addonNamespaceMetadata(names, names.identities.certManager.namespace),
      chart: "certManager",
      values: certManagerValues(names),
    }),
  ),
];
