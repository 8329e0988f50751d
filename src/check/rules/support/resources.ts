/**
 * Effective container requests and limits as admission leaves them: a LimitRange of type
 * Container in the namespace fills `defaultRequest` and `default` (limits) into containers
 * that omit them, and a request omitted beside a limit defaults to that limit.
 */
import type { SourceObject } from "../../finding.js";
import { objectsOfKind } from "./find-objects.js";
import { asRecord, asRecords, getPath } from "./json.js";
import { memoizeByObjects } from "./memoize.js";
import { namespaceOf } from "./namespaces.js";
import type { WorkloadContainer } from "./workloads.js";

export type ResourceField = "requests" | "limits";

export interface LimitRangeDefaults {
  readonly requests: ReadonlySet<string>;
  readonly limits: ReadonlySet<string>;
}

const NO_DEFAULTS: LimitRangeDefaults = { requests: new Set(), limits: new Set() };

const defaultsByNamespace = memoizeByObjects((objects: readonly SourceObject[]): ReadonlyMap<string, LimitRangeDefaults> => {
  const byNamespace = new Map<string, { requests: Set<string>; limits: Set<string> }>();
  for (const object of objectsOfKind(objects, "LimitRange")) {
    const namespace = namespaceOf(object);
    const defaults = byNamespace.get(namespace) ?? { requests: new Set<string>(), limits: new Set<string>() };
    byNamespace.set(namespace, defaults);
    for (const limit of asRecords(getPath(object.document, "spec", "limits"))) {
      if (limit.type !== "Container") continue;
      for (const resource of Object.keys(asRecord(limit.defaultRequest) ?? {})) defaults.requests.add(resource);
      for (const resource of Object.keys(asRecord(limit.default) ?? {})) defaults.limits.add(resource);
    }
  }
  return byNamespace;
});

export function limitRangeDefaults(objects: readonly SourceObject[], namespace: string): LimitRangeDefaults {
  return defaultsByNamespace(objects).get(namespace) ?? NO_DEFAULTS;
}

function declares(container: WorkloadContainer, field: ResourceField, resource: string): boolean {
  const value = getPath(container.record, "resources", field, resource);
  return typeof value === "string" || typeof value === "number";
}

/** Whether the container ends up with `field` set for `resource` once admitted. */
export function hasEffectiveResource(
  container: WorkloadContainer,
  field: ResourceField,
  resource: string,
  defaults: LimitRangeDefaults,
): boolean {
  if (declares(container, field, resource)) return true;
  if (field === "limits") return defaults.limits.has(resource);
  return declares(container, "limits", resource) || defaults.requests.has(resource) || defaults.limits.has(resource);
}
