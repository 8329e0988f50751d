/**
 * `reference/storage-class` and `reference/default-storage-class`: a claim naming a
 * StorageClass that does not exist stays Pending forever; a claim naming none uses the
 * default class, and stays Pending when there is none. Both are checked only when the
 * input defines StorageClasses (then it is taken to define all of them); EKS clusters
 * created on 1.30 or later have no default class unless one is installed.
 */
import type { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asName, asRecord, asRecords, asStringMap, getPath } from "../support/json.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

interface Claim {
  readonly object: SourceObject;
  readonly where: string;
  /** Undefined: no class named (the default applies). Empty string: explicitly no class. */
  readonly storageClassName: string | undefined;
}

function claimsOf(objects: readonly SourceObject[]): Claim[] {
  const claims: Claim[] = [];
  for (const object of objects) {
    if (object.kind === "PersistentVolumeClaim" && object.apiVersion === "v1") {
      const name = getPath(object.document, "spec", "storageClassName");
      claims.push({ object, where: "storageClassName", storageClassName: typeof name === "string" ? name : undefined });
    }
    if (object.kind === "StatefulSet" && object.apiVersion === "apps/v1") {
      for (const template of asRecords(getPath(object.document, "spec", "volumeClaimTemplates"))) {
        const name = getPath(template, "spec", "storageClassName");
        const claimName = asName(getPath(template, "metadata", "name")) ?? "?";
        claims.push({
          object,
          where: `volumeClaimTemplate ${claimName}`,
          storageClassName: typeof name === "string" ? name : undefined,
        });
      }
    }
  }
  return claims;
}

function storageClasses(objects: readonly SourceObject[]): SourceObject[] {
  return objects.filter((object) => object.kind === "StorageClass" && object.apiVersion.startsWith("storage.k8s.io/"));
}

function isDefault(storageClass: SourceObject): boolean {
  const annotations = asStringMap(asRecord(storageClass.document.metadata)?.annotations);
  return (
    annotations["storageclass.kubernetes.io/is-default-class"] === "true" ||
    annotations["storageclass.beta.kubernetes.io/is-default-class"] === "true"
  );
}

export const storageClassTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "storage-class",
  description: "A claim's storageClassName names a StorageClass of the input.",
  params: PARAMS,
  check(context, _params, report) {
    const classes = storageClasses(context.objects);
    if (classes.length === 0) return;
    const names = classes.map((storageClass) => storageClass.name).sort();
    const known = new Set(names);
    for (const claim of claimsOf(context.objects)) {
      if (!claim.storageClassName || known.has(claim.storageClassName)) continue;
      report(
        claim.object,
        `${claim.where} names StorageClass ${claim.storageClassName}, which is not in the input (StorageClasses: ${names.join(", ")})`,
      );
    }
  },
};

export const defaultStorageClassTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "default-storage-class",
  description: "A claim without storageClassName has a default StorageClass to fall back on.",
  params: PARAMS,
  check(context, _params, report) {
    const classes = storageClasses(context.objects);
    if (classes.length === 0 || classes.some(isDefault)) return;
    const names = classes.map((storageClass) => storageClass.name).sort();
    for (const claim of claimsOf(context.objects)) {
      if (claim.storageClassName !== undefined) continue;
      report(
        claim.object,
        `${claim.where} names no StorageClass and none of the input's StorageClasses (${names.join(", ")}) is the default`,
        `set storageClassName, or annotate one StorageClass storageclass.kubernetes.io/is-default-class: "true"`,
      );
    }
  },
};
