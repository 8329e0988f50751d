/**
 * The KWOKNodeClasses the local Karpenter launches from: one per EC2NodeClass of the
 * platform, of the same name, so the NodePools rewritten by localNodePool find theirs.
 *
 * Karpenter skips a NodePool whose NodeClass is not Ready. Nothing reconciles a
 * KWOKNodeClass; upstream's CRD defaults its `status` to a Ready condition instead, so
 * the API server reports it Ready as soon as it exists, and `up` sets no status itself.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import { MANAGED_BY_LABELS } from "../gitops/conventions.js";
import { KWOK_NODE_CLASS_API_VERSION, KWOK_NODE_CLASS_KIND } from "./local-node-pool.js";

export function kwokNodeClasses(platformObjects: readonly KubeObject[]): KubeObject[] {
  const names = new Set(platformObjects.filter((object) => object.kind === "EC2NodeClass" && object.apiVersion.startsWith("karpenter.k8s.aws/")).map((object) => object.metadata.name));
  return [...names].sort().map((name) => ({
    apiVersion: KWOK_NODE_CLASS_API_VERSION,
    kind: KWOK_NODE_CLASS_KIND,
    metadata: { name, labels: { ...MANAGED_BY_LABELS } },
    spec: {},
  }));
}
