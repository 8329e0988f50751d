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

/** A default a LimitRange gives containers: its amount as written, and the LimitRange. */
export interface LimitRangeDefault {
  readonly value: unknown;
  readonly limitRange: SourceObject;
}

/** Per resource, the default request and limit LimitRanger fills into a container of the namespace. */
export interface LimitRangeDefaultValues {
  readonly requests: ReadonlyMap<string, LimitRangeDefault>;
  readonly limits: ReadonlyMap<string, LimitRangeDefault>;
}

const valuesByNamespace = memoizeByObjects((objects: readonly SourceObject[]): ReadonlyMap<string, LimitRangeDefaultValues> => {
  const byNamespace = new Map<string, { requests: Map<string, LimitRangeDefault>; limits: Map<string, LimitRangeDefault> }>();
  for (const limitRange of objectsOfKind(objects, "LimitRange")) {
    const namespace = namespaceOf(limitRange);
    const values = byNamespace.get(namespace) ?? { requests: new Map<string, LimitRangeDefault>(), limits: new Map<string, LimitRangeDefault>() };
    byNamespace.set(namespace, values);
    for (const item of asRecords(getPath(limitRange.document, "spec", "limits"))) {
      if (item.type !== "Container") continue;
      // SetDefaults_LimitRangeItem: the default limit is the max when unset; the default
      // request is the default limit when unset, else the min.
      const limits = new Map(Object.entries(asRecord(item.max) ?? {}));
      for (const [resource, value] of Object.entries(asRecord(item.default) ?? {})) limits.set(resource, value);
      const requests = new Map(Object.entries(asRecord(item.min) ?? {}));
      for (const [resource, value] of limits) requests.set(resource, value);
      for (const [resource, value] of Object.entries(asRecord(item.defaultRequest) ?? {})) requests.set(resource, value);
      // LimitRanger sets only what is still missing: across items and LimitRanges, the first wins (input order here).
      for (const [resource, value] of limits) if (!values.limits.has(resource)) values.limits.set(resource, { value, limitRange });
      for (const [resource, value] of requests) if (!values.requests.has(resource)) values.requests.set(resource, { value, limitRange });
    }
  }
  return byNamespace;
});

/** The defaults LimitRanges of `namespace` in the input fill into containers (none when it has none). */
export function limitRangeDefaultValues(objects: readonly SourceObject[], namespace: string): LimitRangeDefaultValues {
  return valuesByNamespace(objects).get(namespace) ?? { requests: new Map(), limits: new Map() };
}

/**
 * A container's `resources` as the API server validates them once its pod is created: a
 * request omitted beside a limit is that limit (the Pod's defaulting, at decode), then the
 * LimitRanger admission plugin fills each request and limit still missing from the
 * namespace's defaults. `filled` names the fields a default gave (`requests.cpu`).
 */
export function admittedResources(resources: unknown, defaults: LimitRangeDefaultValues): { readonly resources: { requests: Record<string, unknown>; limits: Record<string, unknown> }; readonly filled: ReadonlyMap<string, LimitRangeDefault> } {
  const written = asRecord(resources);
  const limits: Record<string, unknown> = { ...(asRecord(written?.limits) ?? {}) };
  const requests: Record<string, unknown> = { ...(asRecord(written?.requests) ?? {}) };
  for (const [resource, value] of Object.entries(limits)) if (!(resource in requests)) requests[resource] = value;
  const filled = new Map<string, LimitRangeDefault>();
  for (const [resource, entry] of defaults.limits) {
    if (resource in limits) continue;
    limits[resource] = entry.value;
    filled.set(`limits.${resource}`, entry);
  }
  for (const [resource, entry] of defaults.requests) {
    if (resource in requests) continue;
    requests[resource] = entry.value;
    filled.set(`requests.${resource}`, entry);
  }
  return { resources: { requests, limits }, filled };
}
