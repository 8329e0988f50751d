/**
 * The GitOps tree as the local cluster serves it to Argo CD: the synthesized tree with one
 * change, the NodePools' nodeClassRef pointing at the KWOKNodeClass of the same name
 * (local-node-pool.ts), so the local Karpenter's kwok provider launches their nodes.
 * Every other file is served byte for byte as `slipway synth` writes it.
 */
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../manifest/kube-object.js";
import { toYamlStream } from "../manifest/serialize.js";
import { isNodePool, localNodePool } from "./local-node-pool.js";

export function localTree(tree: ReadonlyMap<string, string>): Map<string, string> {
  const local = new Map<string, string>();
  for (const [path, content] of tree) {
    if (!/\.ya?ml$/.test(path) || !content.includes("NodePool")) {
      local.set(path, content);
      continue;
    }
    const documents = parseAllDocuments(content).map((document) => document.toJS() as unknown);
    const changed = documents.some((value) => isObject(value) && isNodePool(value));
    local.set(path, changed ? toYamlStream(documents.map((value) => (isObject(value) ? localNodePool(value) : value))) : content);
  }
  return local;
}

function isObject(value: unknown): value is KubeObject {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string" && typeof (value as { apiVersion?: unknown }).apiVersion === "string";
}
