/**
 * Secrets Store CSI driver: mounts secrets from external stores as files in pods. A node
 * agent, so it tolerates every taint. Sync to Kubernetes Secrets and rotation are on so a
 * SecretProviderClass can also feed environment variables and pick up rotated values.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { TOLERATE_EVERYTHING } from "./system-placement.js";

export function secretsStoreCsiDriverValues(): Record<string, unknown> {
  return {
    syncSecret: { enabled: true },
    enableSecretRotation: true,
    rotationPollInterval: "2m",
    linux: { tolerations: TOLERATE_EVERYTHING },
  };
}

export const secretsStoreCsiDriverGenerator: GitOpsGenerator = ({ names }) => [
  addonFile(
    "platform",
    chartApplication({
      name: "secrets-store-csi-driver",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.platformControllers,
      destinationNamespace: names.namespaces.system,
      chart: "secretsStoreCsiDriver",
      values: secretsStoreCsiDriverValues(),
    }),
  ),
];
