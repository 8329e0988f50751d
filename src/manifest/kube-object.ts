/**
 * The shape every generated or checked Kubernetes object has. Generators build plain
 * objects typed with kubernetes-models' interfaces where those exist; custom resources
 * are typed by the generator that writes them and validated against upstream CRDs in tests.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** `group/version/kind/namespace/name`: unique within a platform. */
export function objectKey(object: KubeObject): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}
