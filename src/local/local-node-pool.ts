/**
 * A platform NodePool as the local Karpenter (kwok cloud provider) runs it: only
 * `spec.template.spec.nodeClassRef` changes, to the KWOKNodeClass of the same name, so
 * requirements, limits, disruption and weight are exactly what Argo CD applies on EKS.
 * Pure: used by `up --local` before server-side apply and for the Git tree Argo CD serves.
 */
import type { KubeObject } from "../manifest/kube-object.js";

export const KWOK_NODE_CLASS_GROUP = "karpenter.kwok.sh";
export const KWOK_NODE_CLASS_KIND = "KWOKNodeClass";
export const KWOK_NODE_CLASS_API_VERSION = `${KWOK_NODE_CLASS_GROUP}/v1alpha1`;

/** Whether the object is a Karpenter NodePool (`karpenter.sh/*`). */
export function isNodePool(object: KubeObject): boolean {
  return object.kind === "NodePool" && object.apiVersion.startsWith("karpenter.sh/");
}

/**
 * The NodePool with its nodeClassRef pointing at the KWOKNodeClass named like its
 * EC2NodeClass; any other object, or a NodePool without a nodeClassRef, is returned as it is.
 * The input is not modified.
 */
export function localNodePool(object: KubeObject): KubeObject {
  if (!isNodePool(object)) return object;
  const spec = object.spec as { template?: { spec?: { nodeClassRef?: { name?: unknown } } } } | undefined;
  const name = spec?.template?.spec?.nodeClassRef?.name;
  if (typeof name !== "string") return object;
  const template = spec!.template!;
  return {
    ...object,
    spec: {
      ...(object.spec as Record<string, unknown>),
      template: {
        ...template,
        spec: { ...template.spec, nodeClassRef: { group: KWOK_NODE_CLASS_GROUP, kind: KWOK_NODE_CLASS_KIND, name } },
      },
    },
  };
}
