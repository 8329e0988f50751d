/**
 * Labels a managed node group may not give its nodes. EKS hands the group's labels to each
 * node's kubelet (`--node-labels`), and the kubelet's own rule decides
 * (k8s.io/kubelet/pkg/apis/well_known_labels.go, and the kubelet's option validation):
 *
 * - a key in the `kubernetes.io` or `k8s.io` namespaces (or a subdomain of them) outside
 *   `node.kubernetes.io/` and `kubelet.kubernetes.io/` makes the kubelet exit with
 *   "unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels", so the
 *   group's nodes never join (`node-role.kubernetes.io/worker` is the usual one);
 * - the labels the kubelet and the cloud provider set on each node from the node itself
 *   (host name, zone, region, instance type, OS, architecture) are allowed by the kubelet,
 *   but one value for a whole group makes every node the same host or zone to the
 *   scheduler: topology spread, anti-affinity and the PodDisruptionBudgets' guarantees
 *   silently stop meaning anything.
 */
const KUBELET_SET_LABELS = new Set([
  "kubernetes.io/hostname",
  "topology.kubernetes.io/zone",
  "topology.kubernetes.io/region",
  "failure-domain.beta.kubernetes.io/zone",
  "failure-domain.beta.kubernetes.io/region",
  "beta.kubernetes.io/instance-type",
  "node.kubernetes.io/instance-type",
  "kubernetes.io/os",
  "kubernetes.io/arch",
  "beta.kubernetes.io/os",
  "beta.kubernetes.io/arch",
]);

const KUBELET_LABEL_NAMESPACES = ["kubelet.kubernetes.io", "node.kubernetes.io"];

const within = (namespace: string, domain: string) => namespace === domain || namespace.endsWith(`.${domain}`);

/** Why a node group may not set label `key`, with what to do instead; undefined when it may. */
export function nodeGroupLabelProblem(key: string): string | undefined {
  if (KUBELET_SET_LABELS.has(key)) {
    return "the kubelet and EKS set it on each node from the node itself (its name, zone, region, instance type, OS or architecture); one value for the whole group would make every node look alike to the scheduler. Leave it out";
  }
  const slash = key.indexOf("/");
  const namespace = slash < 0 ? "" : key.slice(0, slash);
  if ((within(namespace, "kubernetes.io") || within(namespace, "k8s.io")) && !KUBELET_LABEL_NAMESPACES.some((allowed) => within(namespace, allowed))) {
    return `the kubelet refuses node labels in the kubernetes.io and k8s.io namespaces outside ${KUBELET_LABEL_NAMESPACES.map((allowed) => `${allowed}/`).join(" and ")} ("unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels"), so the group's nodes would never join. Use a prefix of your own, such as example.com/${slash < 0 ? key : key.slice(slash + 1)}`;
  }
  return undefined;
}
