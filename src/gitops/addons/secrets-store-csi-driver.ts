/**
 * Secrets Store CSI driver: mounts secrets from external stores as files in pods. A node
 * agent, so it tolerates every taint. Sync to Kubernetes Secrets and rotation are on so a
 * SecretProviderClass can also feed environment variables and pick up rotated values.
 *
 * The CSIDriver asks the kubelet for service account tokens with the two audiences the AWS
 * provider exchanges for credentials: `sts.amazonaws.com` (IRSA) and
 * `pods.eks.amazonaws.com` (EKS Pod Identity). The provider chart sets them only on the
 * copy of the driver it bundles, which is switched off because the driver is installed
 * here on its own; without them every mount with the AWS provider fails.
 *
 * Its CRDs come from the chart's crds/ folder, which Argo CD applies on every sync; the
 * chart's CRD upgrade hooks (two Jobs running kubectl with rights on every CRD) are off.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { TOLERATE_EVERYTHING } from "./system-placement.js";

/** Token audiences of the AWS provider: IRSA, then EKS Pod Identity. */
export const AWS_PROVIDER_TOKEN_AUDIENCES = ["sts.amazonaws.com", "pods.eks.amazonaws.com"] as const;

export function secretsStoreCsiDriverValues(): Record<string, unknown> {
  return {
    syncSecret: { enabled: true },
    enableSecretRotation: true,
    rotationPollInterval: "2m",
    tokenRequests: AWS_PROVIDER_TOKEN_AUDIENCES.map((audience) => ({ audience })),
    // The chart's CRD hook Jobs (PreSync hooks under Argo CD: re-apply the CRDs, then mark
    // them helm.sh/resource-policy: keep) repeat what Argo CD does anyway: it applies the
    // chart's crds/ on every sync, and it never deletes a CRD when an Application is
    // deleted (controller/appcontroller.go, shouldBeDeleted), keep annotation or not.
    linux: { tolerations: TOLERATE_EVERYTHING, crds: { enabled: false } },
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
      namespaceMetadata: addonNamespaceMetadata(names, names.namespaces.system),
      chart: "secretsStoreCsiDriver",
      values: secretsStoreCsiDriverValues(),
    }),
  ),
];
