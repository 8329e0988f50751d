/**
 * Server-side apply against the local API server, one request per object, the way kubectl
 * `apply --server-side --field-manager=slipway --force-conflicts` does it: discovery
 * maps each kind to its REST resource, then a PATCH of type apply-patch. One request
 * per object gives each rejection the API server's own reason (Pod Security, quota,
 * schema), and the object before and after tells created, configured and unchanged
 * apart, so applying twice is visibly a no-op.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import { ApiServerUnreachable, type ApiClient } from "./api-client.js";
import { displayKey, type PlannedObject, type ServedKind, type ServedKinds } from "./apply-plan.js";

export const FIELD_MANAGER = "slipway";

export type ApplyOutcome = "created" | "configured" | "unchanged" | "rejected";

export interface ApplyResult {
  readonly key: string;
  readonly source: string;
  readonly outcome: ApplyOutcome;
  /** The API server's message when rejected. */
  readonly reason?: string;
}

interface ApiResourceList {
  readonly groupVersion: string;
  readonly resources: readonly { name: string; kind: string; namespaced: boolean }[];
}

interface ApiGroupList {
  readonly groups: readonly { versions: readonly { groupVersion: string }[] }[];
}

/** Every kind the server serves, by `apiVersion/kind` (aggregated APIs that are down are left out). */
export async function discoverServedKinds(client: ApiClient): Promise<ServedKinds> {
  const groupVersions = ["v1"];
  const groups = await client.getJson<ApiGroupList>("/apis");
  const unavailable = await unavailableAggregatedApis(client);
  for (const group of groups.groups) for (const version of group.versions) if (!unavailable.has(version.groupVersion)) groupVersions.push(version.groupVersion);
  const lists = await Promise.all(
    groupVersions.map(async (groupVersion) => {
      const path = groupVersion === "v1" ? "/api/v1" : `/apis/${groupVersion}`;
      const response = await client.get(path);
      // No answer means the server went away mid-discovery: a partial list would leave kinds out.
      if (response.status === 0) throw new ApiServerUnreachable(`the API server stopped answering during discovery (GET ${path}): ${response.body}`);
      if (response.status !== 200) return undefined;
      try {
        return JSON.parse(response.body) as ApiResourceList;
      } catch {
        throw new ApiServerUnreachable(`the API server's answer to GET ${path} was cut off`);
      }
    }),
  );
  const served = new Map<string, ServedKind>();
  for (const list of lists) {
    if (list === undefined) continue;
    for (const resource of list.resources) {
      if (resource.name.includes("/")) continue; // subresources (status, scale)
      served.set(`${list.groupVersion}/${resource.kind}`, { resource: resource.name, namespaced: resource.namespaced });
    }
  }
  return served;
}

/**
 * Group versions served by an aggregated API server that is not available (metrics-server
 * still starting): asking them would only wait for the proxy to time out.
 */
async function unavailableAggregatedApis(client: ApiClient): Promise<Set<string>> {
  const list = await client.getJson<{ items: { spec: { group?: string; version: string; service?: unknown }; status?: { conditions?: { type: string; status: string }[] } }[] }>(
    "/apis/apiregistration.k8s.io/v1/apiservices",
  );
  const unavailable = new Set<string>();
  for (const item of list.items) {
    const available = item.status?.conditions?.some((condition) => condition.type === "Available" && condition.status === "True") ?? false;
    if (item.spec.service && !available) unavailable.add(`${item.spec.group}/${item.spec.version}`);
  }
  return unavailable;
}

/** REST path of one object. */
export function objectPath(object: KubeObject, served: ServedKind): string {
  const base = object.apiVersion.includes("/") ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
  const namespace = served.namespaced ? `/namespaces/${encodeURIComponent(object.metadata.namespace ?? "default")}` : "";
  return `${base}${namespace}/${served.resource}/${encodeURIComponent(object.metadata.name)}`;
}

/** Applies objects with a few requests in flight; results come back in the input order. */
export async function applyObjects(client: ApiClient, objects: readonly PlannedObject[], concurrency = 8): Promise<ApplyResult[]> {
  const results: ApplyResult[] = new Array(objects.length);
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const index = next++;
      results[index] = await applyOne(client, objects[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, objects.length) }, worker));
  return results;
}

/** Thrown when the API server stops answering: the apply cannot go on, `up` again resumes it. */
export { ApiServerUnreachable };

async function applyOne(client: ApiClient, planned: PlannedObject): Promise<ApplyResult> {
  const { object, source, served } = planned;
  const key = displayKey(object);
  const path = objectPath(object, served);
  const before = await client.get(path);
  if (before.status === 0) throw new ApiServerUnreachable(`the API server stopped answering while applying ${key}: ${before.body}`);
  const response = await client.apply(path, withoutFieldsOwnedByOthers(object, before.status === 200 ? before.body : undefined), FIELD_MANAGER);
  if (response.status === 0) throw new ApiServerUnreachable(`the API server stopped answering while applying ${key}: ${response.body}`);
  if (response.status === 200 || response.status === 201) {
    if (before.status === 404) return { key, source, outcome: "created" };
    return { key, source, outcome: contentOf(before.body) === contentOf(response.body) ? "unchanged" : "configured" };
  }
  return { key, source, outcome: "rejected", reason: statusMessage(response.body, response.status) };
}

/**
 * Spec fields that controllers take over after creation: the HPA controller owns
 * `spec.replicas` once it has scaled, the node lifecycle controller owns a Node's
 * `spec.taints` (an atomic list) once it has added and removed its not-ready taint, the
 * Argo Rollouts controller owns the stable and canary Services' `spec.selector` (an
 * atomic map) once it has pinned them to a ReplicaSet's pod-template hash.
 */
const HANDED_OVER_FIELDS = ["replicas", "taints", "selector"] as const;

/**
 * Leaves out the handed-over fields another manager now owns (and we no longer do):
 * re-applying our initial value would undo the autoscaler on every `up`, or fight the
 * node controller. This is the ownership transfer the server-side apply documentation
 * describes; while we still own a field it stays in, since dropping a field we own would
 * remove it from the object.
 */
export function withoutFieldsOwnedByOthers(object: KubeObject, liveBody: string | undefined): KubeObject {
  const spec = object.spec as Record<string, unknown> | undefined;
  if (liveBody === undefined || spec === undefined) return object;
  type Entry = { manager?: string; operation?: string; subresource?: string; fieldsV1?: { "f:spec"?: Record<string, unknown> } };
  const entries = (JSON.parse(liveBody) as { metadata?: { managedFields?: Entry[] } }).metadata?.managedFields ?? [];
  const owns = (entry: Entry, field: string) => entry.fieldsV1?.["f:spec"]?.[`f:${field}`] !== undefined;
  const handedOver = HANDED_OVER_FIELDS.filter(
    (field) =>
      field in spec &&
      entries.some((entry) => entry.manager !== FIELD_MANAGER && owns(entry, field)) &&
      !entries.some((entry) => entry.manager === FIELD_MANAGER && entry.operation === "Apply" && owns(entry, field)),
  );
  if (handedOver.length === 0) return object;
  return { ...object, spec: Object.fromEntries(Object.entries(spec).filter(([field]) => !(handedOver as readonly string[]).includes(field))) };
}

/**
 * What an apply can change: the object without its status (controllers write it all the
 * time: kwok heartbeats, rollout progress) and without bookkeeping metadata. Equal before
 * and after means the apply was a no-op, even when a field was handed over to a
 * controller (which rewrites our managedFields entry but not the object).
 */
function contentOf(body: string): string | undefined {
  try {
    const { status: _status, metadata, ...rest } = JSON.parse(body) as { status?: unknown; metadata: Record<string, unknown> };
    const { managedFields: _fields, resourceVersion: _version, ...meta } = metadata;
    return JSON.stringify({ ...rest, metadata: meta });
  } catch {
    return undefined;
  }
}

/** The message of a Kubernetes Status, which names the object and the rule it broke. */
function statusMessage(body: string, status: number): string {
  try {
    const parsed = JSON.parse(body) as { message?: string };
    if (parsed.message) return parsed.message;
  } catch {
    // not a Status object: fall through to the raw body
  }
  return `HTTP ${status}: ${body.slice(0, 500)}`;
}
