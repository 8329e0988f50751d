/** Lookups of objects by kind, name and namespace, the way references name them, through one index per input. */
import type { SourceObject } from "../../finding.js";
import { memoizeByObjects } from "./memoize.js";
import { namespaceOf } from "./namespaces.js";

/** API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

interface ObjectIndex {
  readonly byKind: ReadonlyMap<string, readonly SourceObject[]>;
  /** `kind/namespace/name` → objects (several when groups differ). */
  readonly byNamespacedName: ReadonlyMap<string, readonly SourceObject[]>;
  /** `kind/name` → objects, for cluster-scoped kinds. */
  readonly byName: ReadonlyMap<string, readonly SourceObject[]>;
}

function push(map: Map<string, SourceObject[]>, key: string, object: SourceObject): void {
  const list = map.get(key);
  if (list) list.push(object);
  else map.set(key, [object]);
}

const objectIndex = memoizeByObjects((objects: readonly SourceObject[]): ObjectIndex => {
  const byKind = new Map<string, SourceObject[]>();
  const byNamespacedName = new Map<string, SourceObject[]>();
  const byName = new Map<string, SourceObject[]>();
  for (const object of objects) {
    push(byKind, object.kind, object);
    push(byNamespacedName, `${object.kind}/${namespaceOf(object)}/${object.name}`, object);
    push(byName, `${object.kind}/${object.name}`, object);
  }
  return { byKind, byNamespacedName, byName };
});

function inGroup(candidates: readonly SourceObject[] | undefined, group: string | undefined): SourceObject | undefined {
  return candidates?.find((object) => group === undefined || groupOf(object.apiVersion) === group);
}

export function findNamespaced(
  objects: readonly SourceObject[],
  kind: string,
  name: string,
  namespace: string,
  group?: string,
): SourceObject | undefined {
  return inGroup(objectIndex(objects).byNamespacedName.get(`${kind}/${namespace}/${name}`), group);
}

export function findClusterScoped(objects: readonly SourceObject[], kind: string, name: string, group?: string): SourceObject | undefined {
  return inGroup(objectIndex(objects).byName.get(`${kind}/${name}`), group);
}

export function objectsOfKind(objects: readonly SourceObject[], kind: string): readonly SourceObject[] {
  return objectIndex(objects).byKind.get(kind) ?? [];
}
