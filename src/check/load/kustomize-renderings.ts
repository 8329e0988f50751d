/**
 * One document rendered by several kustomizations (a base and the overlays that include
 * it, each a folder of the input) is one object per distinct rendering, not one per build.
 *
 * Every rendered object is real: two overlays may render different objects from the same
 * base (a patched image, other replicas), and each is checked. But when two builds render
 * the document identically, checking both only prints every finding twice at the same file
 * and line, with nothing to tell them apart. So identical renderings are merged into one
 * object, and every object whose document more than one kustomization renders says which
 * render it as it is (`kustomizations`, shown by `describeObject`: `Deployment web (rendered
 * by base, overlays/dev)`), so a finding that only one overlay's rendering has names that
 * overlay. A document rendered by one kustomization only is left as it is.
 */
import type { SourceObject } from "../finding.js";

/**
 * `objects` in load order with, for those kustomize rendered, the folder (as findings name
 * it) of the kustomization that rendered each → the objects with identical renderings
 * merged (the first kept, where it was) and `kustomizations` set where a document has
 * several. Objects absent from `renderedBy` pass through untouched.
 */
export function mergeRenderings(objects: readonly SourceObject[], renderedBy: ReadonlyMap<SourceObject, string>): SourceObject[] {
  // The same document of the same file, rendered with the same identity.
  const byDocument = new Map<string, SourceObject[]>();
  for (const object of objects) {
    if (!renderedBy.has(object)) continue;
    const key = [object.file, object.documentIndex, object.apiVersion, object.kind, object.namespace ?? "", object.name].join("\u0000");
    const group = byDocument.get(key);
    if (group) group.push(object);
    else byDocument.set(key, [object]);
  }
  const replaced = new Map<SourceObject, SourceObject | undefined>();
  for (const group of byDocument.values()) {
    if (new Set(group.map((object) => renderedBy.get(object))).size < 2) continue;
    const byContent = new Map<string, SourceObject[]>();
    for (const object of group) {
      const content = canonicalJson(object.document);
      const same = byContent.get(content);
      if (same) same.push(object);
      else byContent.set(content, [object]);
    }
    for (const same of byContent.values()) {
      const [kept, ...merged] = same as [SourceObject, ...SourceObject[]];
      const kustomizations = [...new Set(same.map((object) => renderedBy.get(object) as string))].sort();
      replaced.set(kept, { ...kept, kustomizations });
      for (const object of merged) replaced.set(object, undefined);
    }
  }
  if (replaced.size === 0) return [...objects];
  return objects.flatMap((object) => {
    if (!replaced.has(object)) return [object];
    const replacement = replaced.get(object);
    return replacement === undefined ? [] : [replacement];
  });
}

/** JSON with keys sorted at every level: equal for equal documents whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
