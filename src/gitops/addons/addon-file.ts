/**
 * Where add-on Applications live in the repository: `apps/<layer>/<add-on>.yaml`, so the
 * root Application (which applies `apps/`) owns them and a reviewer sees each layer apart.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ManifestFile } from "../gitops-file.js";

/** system: cluster plumbing; platform: shared services; monitoring: observability stack. */
export type AddonLayer = "system" | "platform" | "monitoring";

export function addonFile(layer: AddonLayer, application: KubeObject): ManifestFile {
  return { path: `apps/${layer}/${application.metadata.name}.yaml`, objects: [application] };
}
