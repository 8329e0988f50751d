/**
 * Installs the CustomResourceDefinitions the platform needs, read unmodified from the
 * folders given with `--crds` (upstream CRDs of the add-ons), and waits until the API
 * server serves them (condition Established), so the objects that use them can follow.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseAllDocuments } from "yaml";
import { SlipwayError } from "../errors.js";
import type { KubeObject } from "../manifest/kube-object.js";
import type { ApiClient } from "./api-client.js";
import type { PlannedObject } from "./apply-plan.js";
import { applyObjects, type ApplyResult } from "./server-side-apply.js";

const CRD_KIND = { resource: "customresourcedefinitions", namespaced: false } as const;

/** Every CRD under the folders (recursively), sorted by name; other documents are ignored. */
export async function readCrds(folders: readonly string[]): Promise<PlannedObject[]> {
  const found = new Map<string, PlannedObject>();
  for (const folder of folders) {
    let files: string[];
    try {
      files = (await readdir(folder, { recursive: true })).filter((file) => /\.ya?ml$/.test(file)).sort();
    } catch (error) {
      throw new SlipwayError("INPUT_UNREADABLE", `cannot read the CRD folder ${folder}: ${(error as Error).message}`, {
        where: folder,
        fix: "pass an existing folder of CustomResourceDefinition YAML files with --crds",
        cause: error,
      });
    }
    for (const file of files) {
      const path = join(folder, file);
      for (const document of parseAllDocuments(await readFile(path, "utf8"))) {
        const object = document.toJS() as KubeObject | null;
        if (object?.kind !== "CustomResourceDefinition" || object.apiVersion !== "apiextensions.k8s.io/v1") continue;
        found.set(object.metadata.name, { object, source: path, served: CRD_KIND });
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.object.metadata.name < b.object.metadata.name ? -1 : 1));
}

export async function installCrds(client: ApiClient, crds: readonly PlannedObject[], timeoutMs = 60000): Promise<ApplyResult[]> {
  const results = await applyObjects(client, crds);
  const applied = crds.filter((_, index) => results[index]!.outcome !== "rejected");
  const deadline = Date.now() + timeoutMs;
  for (const crd of applied) {
    const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.object.metadata.name}`;
    while (!(await isEstablished(client, path))) {
      if (Date.now() > deadline) {
        throw new SlipwayError("LOCAL_CLUSTER", `CRD ${crd.object.metadata.name} was not established within ${timeoutMs / 1000}s`, {
          where: crd.source,
          fix: "see its status with `kubectl get crd " + crd.object.metadata.name + " -o yaml` (KUBECONFIG from `slipway kubeconfig`)",
        });
      }
      await sleep(100);
    }
  }
  return results;
}

async function isEstablished(client: ApiClient, path: string): Promise<boolean> {
  const response = await client.get(path);
  if (response.status !== 200) return false;
  const crd = JSON.parse(response.body) as { status?: { conditions?: { type: string; status: string }[] } };
  return crd.status?.conditions?.some((condition) => condition.type === "Established" && condition.status === "True") ?? false;
}
