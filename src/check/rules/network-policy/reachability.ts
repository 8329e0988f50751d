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
import { LabelIndex } from "../support/label-index.js";
import { matchesLabels, type LabelSelector } from "../support/label-selector.js";
import { memoizeByObjects } from "../support/memoize.js";
import { knownNamespaces, NAME_LABEL, type KnownNamespace } from "../support/namespaces.js";
import { SelectorIndex } from "../support/selector-index.js";
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
  /** The namespaces by their labels, for namespaceSelectors. */
  readonly namespaceIndex: LabelIndex<KnownNamespace>;
  readonly policies: readonly NetworkPolicyModel[];
  /** Per namespace, its policies by podSelector: the candidates that may select a pod there. */
  readonly policyIndex: ReadonlyMap<string, SelectorIndex<NetworkPolicyModel>>;
  /** Per namespace, its policies in input order. */
  readonly policiesByNamespace: ReadonlyMap<string, readonly NetworkPolicyModel[]>;
  readonly workloads: readonly Workload[];
  readonly endpoints: readonly Endpoint[];
}

/** Each workload's endpoint, made once: every network rule asks for it. */
const endpoints = new WeakMap<Workload, Endpoint>();

export function endpointOf(workload: Workload): Endpoint {
  let endpoint = endpoints.get(workload);
  if (endpoint === undefined) {
    endpoint = {
      label: `${workload.namespace}/${workload.source.kind} ${workload.source.name}`,
      namespace: workload.namespace,
      labels: workload.labels,
      ports: workload.ports,
      workload,
    };
    endpoints.set(workload, endpoint);
  }
  return endpoint;
}

/** The network view of an input, derived once per input. */
export const buildNetworkModel = memoizeByObjects((objects: readonly SourceObject[]): NetworkModel => {
  const workloads = workloadsOf(objects);
  const namespaces = knownNamespaces(objects);
  const policies = readNetworkPolicies(objects);
  const policiesByNamespace = new Map<string, NetworkPolicyModel[]>();
  for (const policy of policies) {
    const list = policiesByNamespace.get(policy.namespace);
    if (list) list.push(policy);
    else policiesByNamespace.set(policy.namespace, [policy]);
  }
  const policyIndex = new Map<string, SelectorIndex<NetworkPolicyModel>>();
  for (const [namespace, list] of policiesByNamespace) policyIndex.set(namespace, new SelectorIndex(list, (policy) => policy.podSelector));
  return {
    namespaces,
    namespaceIndex: new LabelIndex([...namespaces.values()], (namespace) => namespace.labels),
    policies,
    policyIndex,
    policiesByNamespace,
    workloads,
    // Only the reachability report lists every endpoint.
    get endpoints() {
      return workloads.map(endpointOf);
    },
  };
});

export function selects(policy: NetworkPolicyModel, endpoint: Endpoint): boolean {
  return !policy.podSelector.malformed && policy.namespace === endpoint.namespace && matchesLabels(policy.podSelector, endpoint.labels);
}

/** The policies that select `endpoint` for `direction`, in input order (only its namespace's can). */
export function policiesSelecting(model: NetworkModel, endpoint: Endpoint, direction: "ingress" | "egress"): NetworkPolicyModel[] {
  const candidates = model.policyIndex.get(endpoint.namespace)?.candidates(endpoint.labels) ?? [];
  return candidates.filter((policy) => policy[direction] !== undefined && selects(policy, endpoint));
}

/** Names of the namespaces a namespaceSelector selects, in the model's order. */
export function namespacesSelectedBy(model: NetworkModel, selector: LabelSelector): string[] {
  return model.namespaceIndex.matching(selector).map((namespace) => namespace.name);
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

/**
 * What one egress policy lets any pod it selects open on `destination`: the source only
 * decides whether the policy applies, so the answer is kept per destination and policy
 * (a matrix or a DNS check asks it once per source otherwise).
 */
const egressAllowances = new WeakMap<Endpoint, WeakMap<NetworkPolicyModel, PortSet>>();

function egressAllowance(model: NetworkModel, policy: NetworkPolicyModel, destination: Endpoint): PortSet {
  let byPolicy = egressAllowances.get(destination);
  if (byPolicy === undefined) {
    byPolicy = new WeakMap();
    egressAllowances.set(destination, byPolicy);
  }
  let allowed = byPolicy.get(policy);
  if (allowed === undefined) {
    allowed = allowedByRules(model, policy, policy.egress ?? [], destination, destination);
    byPolicy.set(policy, allowed);
  }
  return allowed;
}

/** Ports `source` may open on `destination`'s pods. */
export function allowedTraffic(model: NetworkModel, source: Endpoint, destination: Endpoint): PortSet {
  return allowedUnder(model, policiesSelecting(model, source, "egress"), policiesSelecting(model, destination, "ingress"), source, destination);
}

/**
 * Ports `source` may open on `destination`'s pods under the given policies: those that
 * select the source for egress, and those that select the destination for ingress.
 */
export function allowedUnder(
  model: NetworkModel,
  egressPolicies: readonly NetworkPolicyModel[],
  ingressPolicies: readonly NetworkPolicyModel[],
  source: Endpoint,
  destination: Endpoint,
): PortSet {
  if (egressPolicies.length === 0 && ingressPolicies.length === 0) return ALL_PORTS;
  const egress = egressPolicies.length > 0 ? union(...egressPolicies.map((policy) => egressAllowance(model, policy, destination))) : ALL_PORTS;
  const ingress = ingressPolicies.length > 0 ? union(...ingressPolicies.map((policy) => allowedByRules(model, policy, policy.ingress ?? [], source, destination))) : ALL_PORTS;
  return intersect(egress, ingress);
}
