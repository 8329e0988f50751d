/**
 * Argo Rollouts: the canary controller behind every application's Rollout and
 * AnalysisTemplate. Two controller replicas (leader election) so a node loss never pauses
 * a rollout half-way; the dashboard is off (the Argo CD UI shows rollouts).
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";

export function argoRolloutsValues(): Record<string, unknown> {
  return {
    installCRDs: true,
    keepCRDs: true,
    controller: { replicas: 2 },
    dashboard: { enabled: false },
  };
}

export const argoRolloutsGenerator: GitOpsGenerator = ({ names }) => [
  addonFile(
    "platform",
    chartApplication({
      name: "argo-rollouts",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.platformControllers,
      destinationNamespace: names.namespaces.argoRollouts,
      namespaceMetadata: addonNamespaceMetadata(names, names.namespaces.argoRollouts),
      chart: "argoRollouts",
      values: argoRolloutsValues(),
    }),
  ),
];
