/** Lookups of objects by kind, name and namespace, the way references name them. */
import type { SourceObject } from "../../finding.js";
import { namespaceOf } from "./namespaces.js";

/** API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

export function findNamespaced(
  objects: readonly SourceObject[],
  kind: string,
  name: string,
  namespace: string,
  group?: string,
): SourceObject | undefined {
  return objects.find(
    (object) =>
      object.kind === kind &&
      object.name === name &&
      namespaceOf(object) === namespace &&
      (group === undefined || groupOf(object.apiVersion) === group),
  );
}

export function findClusterScoped(objects: readonly SourceObject[], kind: string, name: string, group?: string): SourceObject | undefined {
  return objects.find(
    (object) => object.kind === kind && object.name === name && (group === undefined || groupOf(object.apiVersion) === group),
  );
}

export function objectsOfKind(objects: readonly SourceObject[], kind: string, group?: string): SourceObject[] {
  return objects.filter((object) => object.kind === kind && (group === undefined || groupOf(object.apiVersion) === group));
}
