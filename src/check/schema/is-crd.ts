/**
 * Whether a document is a CustomResourceDefinition, in a module of its own: parse workers
 * ask it before their first object is sent, and custom-resource-schemas.ts (which
 * re-exports it) loads the schema bundle and converter modules they do not need yet.
 */

/** Is this document a CustomResourceDefinition (v1 or the removed v1beta1)? */
export function isCustomResourceDefinition(document: Record<string, unknown>): boolean {
  return document.kind === "CustomResourceDefinition" && typeof document.apiVersion === "string" && document.apiVersion.startsWith("apiextensions.k8s.io/");
}
