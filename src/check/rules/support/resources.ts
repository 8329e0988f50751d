/**
 * Effective container requests and limits as admission leaves them: a LimitRange of type
 * Container in the namespace fills `defaultRequest` and `default` (limits) into containers
 * that omit them, and a request omitted beside a limit defaults to that limit.
 */
import type { SourceObject } from "../../finding.js";
import { asRecord, asRecords, getPath } from "./json.js";
import { namespaceOf } from "./namespaces.js";
import type { Container } from "./workloads.js";

export type ResourceField = "requests" | "limits";

export interface LimitRangeDefaults {
  readonly requests: ReadonlySet<string>;
  readonly limits: ReadonlySet<string>;
}

export function limitRangeDefaults(objects: readonly SourceObject[], namespace: string): LimitRangeDefaults {
  const requests = new Set<string>();
  const limits = new Set<string>();
  for (const object of objects) {
    if (object.kind !== "LimitRange" || namespaceOf(object) !== namespace) continue;
    for (const limit of asRecords(getPath(object.document, "spec", "limits"))) {
      if (limit.type !== "Container") continue;
      for (const resource of Object.keys(asRecord(limit.defaultRequest) ?? {})) requests.add(resource);
      for (const resource of Object.keys(asRecord(limit.default) ?? {})) limits.add(resource);
    }
  }
  return { requests, limits };
}

function declares(container: Container, field: ResourceField, resource: string): boolean {
  const value = getPath(container.record, "resources", field, resource);
  return typeof value === "string" || typeof value === "number";
}

/** Whether the container ends up with `field` set for `resource` once admitted. */
export function hasEffectiveResource(
  container: Container,
  field: ResourceField,
  resource: string,
  defaults: LimitRangeDefaults,
): boolean {
  if (declares(container, field, resource)) return true;
  if (field === "limits") return defaults.limits.has(resource);
  return declares(container, "limits", resource) || defaults.requests.has(resource) || defaults.limits.has(resource);
}
