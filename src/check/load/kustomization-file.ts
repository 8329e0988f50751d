/**
 * Which file of a folder is its kustomization, and whether it is a Component: what the
 * loader and the gathering reader (kustomize-aggregation.ts) both ask of a folder.
 */
import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";

/** The names kustomize looks for, in its order. */
export const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/** The kustomization file of `folder`, or undefined when it has none. */
export async function kustomizationFile(folder: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILES) {
    const path = join(folder, name);
    if ((await stat(path).catch(() => undefined))?.isFile()) return path;
  }
  return undefined;
}

/** `kind: Component` (kustomize.config.k8s.io/v1alpha1): read by text, as the file is kustomize's, not a manifest. */
export function isKustomizeComponent(kustomization: string): boolean {
  try {
    return /^kind:[ \t]*["']?Component["']?[ \t]*(#.*)?$/m.test(readFileSync(kustomization, "utf8"));
  } catch {
    return false;
  }
}
