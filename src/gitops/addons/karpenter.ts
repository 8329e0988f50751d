/**
 * Karpenter controller. It runs on the system node group (never on capacity it manages
 * itself), with two replicas for leader election, and reads spot interruption warnings
 * from the SQS queue the CDK app creates. Permissions come from EKS Pod Identity.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { systemPlacement } from "./system-placement.js";

export function karpenterValues(spec: PlatformSpec, names: PlatformNames): Record<string, unknown> {
  const placement = systemPlacement(spec);
  return {
    settings: {
      clusterName: names.clusterName,
      interruptionQueue: names.karpenter.interruptionQueueName,
    },
    serviceAccount: { create: true, name: names.identities.karpenter.serviceAccount },
    replicas: 2,
    nodeSelector: placement.nodeSelector,
    tolerations: placement.tolerations,
    controller: {
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    },
  };
}

export const karpenterGenerator: GitOpsGenerator = ({ spec, names }) =>
  spec.karpenter.enabled
    ? [
        addonFile(
          "system",
          chartApplication({
            name: "karpenter",
            project: PLATFORM_PROJECT,
            wave: SYNC_WAVES.systemControllers,
            destinationNamespace: names.identities.karpenter.namespace,
      namespaceMetadata: addonNamespaceMetadata(names, names.identities.karpenter.namespace),
            chart: "karpenter",
            values: karpenterValues(spec, names),
          }),
        ),
      ]
    : [];
