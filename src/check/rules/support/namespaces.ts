/**
 * Which namespaces exist and what labels they carry. The API server labels every
 * namespace `kubernetes.io/metadata.name=<name>` (since 1.21/1.22), so that label is
 * treated as present on every namespace, declared or not. A namespace "exists" when a
 * Namespace object declares it, an object lives in it, an Argo CD Application deploys to
 * it, or it is one of the namespaces every cluster has.
 */
import type { SourceObject } from "../../finding.js";
import { asName, asStringMap, getPath } from "./json.js";

export const NAME_LABEL = "kubernetes.io/metadata.name";

/** Namespaces every cluster has. */
export const BUILT_IN_NAMESPACES: readonly string[] = ["default", "kube-node-lease", "kube-public", "kube-system"];

export interface KnownNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** True when a Namespace object in the input declares it (so its labels are known). */
  readonly declared: boolean;
}

/**
 * Objects without a namespace land in the namespace of kubectl's context, usually
 * `default`; the checker assumes `default` (kustomize's `namespace:` is applied when
 * folders are rendered, before rules run).
 */
export function namespaceOf(object: Pick<SourceObject, "namespace">): string {
  return object.namespace && object.namespace.length > 0 ? object.namespace : "default";
}

export function knownNamespaces(objects: readonly SourceObject[]): Map<string, KnownNamespace> {
  const namespaces = new Map<string, KnownNamespace>();
  const remember = (name: string): void => {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { [NAME_LABEL]: name }, declared: false });
  };
  for (const object of objects) {
    if (object.kind === "Namespace" && object.apiVersion === "v1" && object.name) {
      const labels = { ...asStringMap(getPath(object.document, "metadata", "labels")), [NAME_LABEL]: object.name };
      namespaces.set(object.name, { name: object.name, labels, declared: true });
    }
  }
  for (const name of BUILT_IN_NAMESPACES) remember(name);
  for (const object of objects) {
    if (object.namespace) remember(object.namespace);
    if (object.kind === "Application" && object.apiVersion.startsWith("argoproj.io/")) {
      const destination = asName(getPath(object.document, "spec", "destination", "namespace"));
      if (destination) remember(destination);
    }
  }
  return namespaces;
}
