/**
 * Which pods may talk to which, as Kubernetes NetworkPolicy semantics define it: a pod
 * selected by no policy of a direction is open in that direction; once selected, only
 * what some selecting policy's rule allows passes (policies are additive allow-lists);
 * a connection passes when the source's egress AND the destination's ingress allow it.
 * Named ports resolve against the destination pod's container ports, `endPort` widens a
 * numeric port to a range. `ipBlock` peers are treated as cluster-external addresses and
 * never match pods: the API leaves pod IPs in ipBlocks implementation-defined and the
 * common CNIs (VPC CNI policy agent, Cilium) do not match them.
 */
import type { SourceObject } from "../../finding.js";
import { matchesLabels } from "../support/label-selector.js";
import { memoizeByObjects } from "../support/memoize.js";
import { knownNamespaces, NAME_LABEL, type KnownNamespace } from "../support/namespaces.js";
import { workloadsOf, type Workload, type WorkloadPort } from "../support/workloads.js";
import { readNetworkPolicies, type NetworkPolicyModel, type PolicyPeer, type PolicyPort, type PolicyRule } from "./network-policy-model.js";
import { ALL_PORTS, intersect, MAX_PORT, union, type PortSet } from "./port-set.js";

/** A group of pods: the pods of one workload, or a well-known cluster service. */
export interface Endpoint {
  /** `namespace/Kind name`, as the matrix prints it. */
  readonly label: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly WorkloadPort[];
  readonly workload?: Workload;
}

/**
 * CoreDNS as EKS (and kubeadm) run it: pods labelled k8s-app=kube-dns in kube-system
 * serving `dns` 53/UDP and `dns-tcp` 53/TCP. It is rarely in the input, yet every pod needs it.
 */
export const KUBE_DNS: Endpoint = {
  label: "kube-system/kube-dns",
  namespace: "kube-system",
  labels: { "k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns" },
  ports: [
    { name: "dns", port: 53, protocol: "UDP" },
    { name: "dns-tcp", port: 53, protocol: "TCP" },
  ],
};

export interface NetworkModel {
  readonly namespaces: ReadonlyMap<string, KnownNamespace>;
  readonly policies: readonly NetworkPolicyModel[];
  readonly workloads: readonly Workload[];
  readonly endpoints: readonly Endpoint[];
}

export function endpointOf(workload: Workload): Endpoint {
  return {
    label: `${workload.namespace}/${workload.source.kind} ${workload.source.name}`,
    namespace: workload.namespace,
    labels: workload.labels,
    ports: workload.ports,
    workload,
  };
}

/** The network view of an input, derived once per input. */
export const buildNetworkModel = memoizeByObjects((objects: readonly SourceObject[]): NetworkModel => {
  const workloads = workloadsOf(objects);
  return {
    namespaces: knownNamespaces(objects),
    policies: readNetworkPolicies(objects),
    workloads,
    endpoints: workloads.map(endpointOf),
  };
});

export function selects(policy: NetworkPolicyModel, endpoint: Endpoint): boolean {
  return !policy.podSelector.malformed && policy.namespace === endpoint.namespace && matchesLabels(policy.podSelector, endpoint.labels);
}

function namespaceLabels(model: NetworkModel, namespace: string): Readonly<Record<string, string>> {
  return model.namespaces.get(namespace)?.labels ?? { [NAME_LABEL]: namespace };
}

export function peerMatches(model: NetworkModel, policy: NetworkPolicyModel, peer: PolicyPeer, endpoint: Endpoint): boolean {
  if (peer.type === "ipBlock") return false;
  const namespaceMatches = peer.namespaceSelector
    ? !peer.namespaceSelector.malformed && matchesLabels(peer.namespaceSelector, namespaceLabels(model, endpoint.namespace))
    : endpoint.namespace === policy.namespace;
  const podMatches = peer.podSelector ? !peer.podSelector.malformed && matchesLabels(peer.podSelector, endpoint.labels) : true;
  return namespaceMatches && podMatches;
}

function portsOfRule(port: PolicyPort, destination: Endpoint): PortSet {
  if (port.port === undefined) return [{ protocol: port.protocol, from: 1, to: MAX_PORT }];
  if (typeof port.port === "string") {
    // A named port means the destination's container port of that name and protocol.
    return union(
      destination.ports
        .filter((candidate) => candidate.name === port.port && candidate.protocol === port.protocol)
        .map((candidate) => ({ protocol: port.protocol, from: candidate.port, to: candidate.port })),
    );
  }
  const to = port.endPort !== undefined && port.endPort >= port.port ? port.endPort : port.port;
  return [{ protocol: port.protocol, from: port.port, to }];
}

function allowedByRules(
  model: NetworkModel,
  policy: NetworkPolicyModel,
  rules: readonly PolicyRule[],
  peer: Endpoint,
  destination: Endpoint,
): PortSet {
  const allowed: PortSet[] = [];
  for (const rule of rules) {
    const peerAllowed = rule.peers === "all" || rule.peers.some((candidate) => peerMatches(model, policy, candidate, peer));
    if (!peerAllowed) continue;
    allowed.push(rule.ports === "all" ? ALL_PORTS : union(...rule.ports.map((port) => portsOfRule(port, destination))));
  }
  return union(...allowed);
}

/** Ports `source` may open on `destination`'s pods. */
export function allowedTraffic(model: NetworkModel, source: Endpoint, destination: Endpoint): PortSet {
  let egress: PortSet = ALL_PORTS;
  const egressPolicies = model.policies.filter((policy) => policy.egress && selects(policy, source));
  if (egressPolicies.length > 0) {
    egress = union(...egressPolicies.map((policy) => allowedByRules(model, policy, policy.egress ?? [], destination, destination)));
  }
  let ingress: PortSet = ALL_PORTS;
  const ingressPolicies = model.policies.filter((policy) => policy.ingress && selects(policy, destination));
  if (ingressPolicies.length > 0) {
    ingress = union(...ingressPolicies.map((policy) => allowedByRules(model, policy, policy.ingress ?? [], source, destination)));
  }
  return egressPolicies.length === 0 && ingressPolicies.length === 0 ? ALL_PORTS : intersect(egress, ingress);
}
