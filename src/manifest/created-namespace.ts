/**
 * The Namespace Argo CD creates for an Application with the `CreateNamespace=true` sync
 * option: its destination namespace, labelled and annotated from
 * `syncPolicy.managedNamespaceMetadata`. `slipway check` judges Pod Security against it
 * and `slipway up --local` applies it, so both see the namespace Argo CD really makes.
 */
import type { KubeObject } from "./kube-object.js";
import { isPlainObject } from "./plain-object.js";

/** The Namespace Argo CD creates for `application`, or undefined when it creates none. */
export function createdNamespace(application: Record<string, unknown>): KubeObject | undefined {
  const spec = record(application.spec);
  const syncPolicy = record(spec.syncPolicy);
  const options = Array.isArray(syncPolicy.syncOptions) ? syncPolicy.syncOptions : [];
  if (!options.includes("CreateNamespace=true")) return undefined;
  const namespace = record(spec.destination).namespace;
  if (typeof namespace !== "string" || namespace === "") return undefined;
  const managed = record(syncPolicy.managedNamespaceMetadata);
  const labels = stringMap(managed.labels);
  const annotations = stringMap(managed.annotations);
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
  };
}

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function stringMap(value: unknown): Record<string, string> | undefined {
  const entries = Object.entries(record(value)).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
