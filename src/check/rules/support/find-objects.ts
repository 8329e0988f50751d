/** Lookups of objects by kind, name and namespace, the way references name them, through one index per input. */
import type { SourceObject } from "../../finding.js";
import { memoizeByObjects } from "./memoize.js";
import { namespaceOf } from "./namespaces.js";

/** API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/**
 * The objects of one kind, in input order, with their name lookups built on first use:
 * most kinds of an input are never looked up by name.
 */
class KindIndex {
  readonly objects: SourceObject[] = [];
  private namespaced?: Map<string, Map<string, SourceObject[]>>;
  private clusterScoped?: Map<string, SourceObject[]>;

  /** Objects of this kind with this name in the namespace (several when groups differ). */
  inNamespace(namespace: string, name: string): readonly SourceObject[] | undefined {
    if (this.namespaced === undefined) {
      this.namespaced = new Map();
      for (const object of this.objects) {
        const objectNamespace = namespaceOf(object);
        let byName = this.namespaced.get(objectNamespace);
        if (byName === undefined) this.namespaced.set(objectNamespace, (byName = new Map()));
        push(byName, object.name, object);
      }
    }
    return this.namespaced.get(namespace)?.get(name);
  }

  /** Objects of this kind with this name, whatever their namespace (cluster-scoped kinds have none). */
  named(name: string): readonly SourceObject[] | undefined {
    if (this.clusterScoped === undefined) {
      this.clusterScoped = new Map();
      for (const object of this.objects) push(this.clusterScoped, object.name, object);
    }
    return this.clusterScoped.get(name);
  }
}

function push(map: Map<string, SourceObject[]>, key: string, object: SourceObject): void {
  const list = map.get(key);
  if (list) list.push(object);
  else map.set(key, [object]);
}

const objectIndex = memoizeByObjects((objects: readonly SourceObject[]): ReadonlyMap<string, KindIndex> => {
  const byKind = new Map<string, KindIndex>();
  for (const object of objects) {
    let kind = byKind.get(object.kind);
    if (kind === undefined) byKind.set(object.kind, (kind = new KindIndex()));
    kind.objects.push(object);
  }
  return byKind;
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
  return inGroup(objectIndex(objects).get(kind)?.inNamespace(namespace, name), group);
}

export function findClusterScoped(objects: readonly SourceObject[], kind: string, name: string, group?: string): SourceObject | undefined {
  return inGroup(objectIndex(objects).get(kind)?.named(name), group);
}

export function objectsOfKind(objects: readonly SourceObject[], kind: string): readonly SourceObject[] {
  return objectIndex(objects).get(kind)?.objects ?? [];
}
