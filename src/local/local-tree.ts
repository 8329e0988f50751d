/**
 * The GitOps tree as the local cluster serves it to Argo CD: the synthesized tree with one
 * change, the NodePools' nodeClassRef pointing at the KWOKNodeClass of the same name
 * (local-node-pool.ts), so the local Karpenter's kwok provider launches their nodes; and,
 * for `argocd.mode: eks-capability`, destinations that name the EKS cluster by its ARN
 * (how the managed capability addresses it) name the in-cluster server instead, which is
 * how the local, self-run Argo CD reaches the local cluster. Every other file is served
 * byte for byte as `slipway synth` writes it.
 */
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../manifest/kube-object.js";
import { toYamlStream } from "../manifest/serialize.js";
import { isKubeObject } from "./apply-plan.js";
import { localNodePool } from "./local-node-pool.js";
import { IN_CLUSTER_SERVER } from "../gitops/argocd/eks-capability.js";

/** `clusterServer`: the destination server the tree names the cluster by when it is not the in-cluster one (the EKS ARN). */
export function localTree(tree: ReadonlyMap<string, string>, clusterServer?: string): Map<string, string> {
  const local = new Map<string, string>();
  for (const [path, content] of tree) {
    if (!/\.ya?ml$/.test(path) || !(content.includes("NodePool") || (clusterServer !== undefined && content.includes(clusterServer)))) {
      local.set(path, content);
      continue;
    }
    const documents = parseAllDocuments(content).map((document) => document.toJS() as unknown);
    const rewrite = (value: unknown) => (isKubeObject(value) ? inCluster(localNodePool(value), clusterServer) : value);
    const rewritten = documents.map(rewrite);
    const changed = rewritten.some((value, index) => value !== documents[index]);
    local.set(path, changed ? toYamlStream(rewritten) : content);
  }
  return local;
}

function inCluster(object: KubeObject, clusterServer: string | undefined): KubeObject {
  if (clusterServer === undefined || (object.kind !== "Application" && object.kind !== "AppProject") || !object.apiVersion.startsWith("argoproj.io/")) return object;
  const retarget = (destination: unknown): unknown =>
    typeof destination === "object" && destination !== null && (destination as { server?: unknown }).server === clusterServer ? { ...destination, server: IN_CLUSTER_SERVER } : destination;
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const changed =
    object.kind === "Application"
      ? { ...spec, destination: retarget(spec.destination) }
      : { ...spec, destinations: Array.isArray(spec.destinations) ? spec.destinations.map(retarget) : spec.destinations };
  return JSON.stringify(changed) === JSON.stringify(spec) ? object : { ...object, spec: changed };
}
