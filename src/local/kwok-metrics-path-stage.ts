/**
 * A kwok Stage that gives every node it manages the annotation metrics-server reads to
 * find the node's resource metrics (`metrics.k8s.io/resource-metrics-path`). All kwok nodes
 * share one kwok port, so metrics-server must scrape the per-node path kwok serves
 * (`/metrics/nodes/<node>/metrics/resource`), as kwokctl's node template sets it.
 *
 * fake-nodes.ts sets it on the managed node groups' nodes itself; Karpenter's kwok
 * provider creates its nodes without it, and without it the HPA controller would see no
 * CPU or memory for the application pods on them. `up` passes this file to kwok as a
 * second `--config` next to upstream's stages.
 */
export const METRICS_PATH_ANNOTATION = "metrics.k8s.io/resource-metrics-path";

export const KWOK_METRICS_PATH_STAGE = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: node-resource-metrics-path
spec:
  resourceRef:
    apiGroup: v1
    kind: Node
  selector:
    matchExpressions:
    - key: '.metadata.annotations["${METRICS_PATH_ANNOTATION}"]'
      operator: DoesNotExist
  next:
    patches:
    - root: metadata
      template: |
        annotations:
          ${METRICS_PATH_ANNOTATION}: "/metrics/nodes/{{ .metadata.name }}/metrics/resource"
`;
