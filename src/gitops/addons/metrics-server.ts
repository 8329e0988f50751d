/**
 * Metrics Server: the resource metrics API (CPU, memory) the HPA and `kubectl top` read.
 * Two replicas with a disruption budget, because every HPA stops scaling while it is down.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { systemPlacement } from "./system-placement.js";

export function metricsServerValues(spec: PlatformSpec): Record<string, unknown> {
  const placement = systemPlacement(spec);
  return {
    replicas: 2,
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    nodeSelector: placement.nodeSelector,
    tolerations: placement.tolerations,
  };
}

export const metricsServerGenerator: GitOpsGenerator = ({ spec, names }) => [
  addonFile(
    "system",
    chartApplication({
      name: "metrics-server",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.systemControllers,
      destinationNamespace: names.namespaces.system,
      namespaceMetadata: addonNamespaceMetadata(names, names.namespaces.system),
      chart: "metricsServer",
      values: metricsServerValues(spec),
    }),
  ),
];
