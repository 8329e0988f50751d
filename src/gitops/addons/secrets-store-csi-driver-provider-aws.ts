/**
 * AWS provider of the Secrets Store CSI driver (Secrets Manager and Parameter Store). The
 * driver itself is installed by its own Application, so the provider chart's bundled copy
 * is switched off; a node agent, so it tolerates every taint.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { TOLERATE_EVERYTHING } from "./system-placement.js";

export function secretsStoreCsiProviderAwsValues(): Record<string, unknown> {
  return {
    "secrets-store-csi-driver": { install: false },
    tolerations: TOLERATE_EVERYTHING,
  };
}

export const secretsStoreCsiProviderAwsGenerator: GitOpsGenerator = ({ names }) => [
  addonFile(
    "platform",
    chartApplication({
      name: "secrets-store-csi-driver-provider-aws",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.platformControllers,
      destinationNamespace: names.namespaces.system,
      namespaceMetadata: addonNamespaceMetadata(names, names.namespaces.system),
      chart: "secretsStoreCsiProviderAws",
      values: secretsStoreCsiProviderAwsValues(),
    }),
  ),
];
