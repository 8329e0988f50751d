/**
 * The PodDisruptionBudget that keeps `minAvailable` pods running while nodes are drained:
 * Karpenter consolidation and expiry, spot interruptions handled through the
 * interruption queue, and managed node group upgrades all go through the eviction API.
 */
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { applicationLabels, applicationSelector } from "./labels.js";

export function podDisruptionBudget(name: string, application: ApplicationSpec): KubeObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, namespace: application.namespace, labels: applicationLabels(name) },
    spec: {
      minAvailable: application.minAvailable,
      selector: { matchLabels: applicationSelector(name) },
      // A pod that is not ready protects nothing; letting it be evicted keeps a crash-looping
      // pod from blocking every node drain.
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  } satisfies IPodDisruptionBudget;
}
