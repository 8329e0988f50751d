/**
 * Fields the OpenAPI documents of Kubernetes mark `required` that the API server does not
 * require. The API server never enforces `required` for built-in kinds: it decodes JSON
 * into Go structs, where a missing struct-typed field is its zero value, and only its Go
 * validation (k8s.io/kubernetes pkg/apis/<group>/validation) can refuse that. The OpenAPI
 * generator marks every field whose JSON tag lacks `omitempty` as required, so some
 * "required" objects are admitted empty. Each entry was admitted by a real kube-apiserver
 * (v1.35.4, `kubectl apply --dry-run=server`, 2026-11-30) with the field left out; an
 * object-typed required field that its validation does need (an Ingress path's `backend`,
 * a DaemonSet's `template`, a webhook's `clientConfig`) stays required.
 *
 * Data, not code: add an entry only with the API server's verdict as evidence.
 */
const RESOURCE_VERSIONS = ["v1", "v1beta1", "v1beta2"] as const;

/** Definition name → properties the API server admits absent (they default to an empty object). */
export const UNENFORCED_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  // CSIDriverSpec: every field optional, defaulted (attachRequired, podInfoOnMount...).
  "io.k8s.api.storage.v1.CSIDriver": ["spec"],
  // A preferred node-affinity term without `preference` is an empty term: admitted, matches every node.
  "io.k8s.api.core.v1.PreferredSchedulingTerm": ["preference"],
  // Dynamic resource allocation: an empty DeviceClassSpec and ResourceClaimSpec are valid (no selectors, no requests).
  ...Object.fromEntries(
    RESOURCE_VERSIONS.flatMap((version) => [
      [`io.k8s.api.resource.${version}.DeviceClass`, ["spec"]],
      [`io.k8s.api.resource.${version}.ResourceClaim`, ["spec"]],
      [`io.k8s.api.resource.${version}.ResourceClaimTemplateSpec`, ["spec"]],
    ]),
  ),
};
