/**
 * Where the platform's pods land on the managed node groups, and what is left idle.
 *
 * Each group runs `desiredSize` (default `minSize`) nodes of its first instance type (EKS
 * launches on-demand node groups in the order the types are listed). Every node first
 * pays for the DaemonSets that fit it (node selector, taints). Then each replicated pod
 * goes, as the scheduler's LeastAllocated scoring would, to the fitting group whose nodes
 * have the most CPU left, onto the first of its nodes with room. A pod no managed node
 * takes is returned as overflow (Karpenter launches capacity for it, or it stays Pending).
 *
 * Idle capacity of a group is the share of its allocatable that no placed pod requests
 * (the larger of the CPU and memory shares used counts as used), priced at the group's
 * hourly cost.
 */
import type { NodeGroupSpec } from "../platform-spec/schema.js";
import { nodeShape, type NodeShape } from "./node-shapes.js";
import { emptyNode, fits, take, type OpenNode, type PerNodeOverhead } from "./node-packing.js";
import { addResources, blockingTaints, NO_RESOURCES, podFitsNode, type PodGroup, type Resources, type Taint } from "./pod-requests.js";

export interface NodeGroupUsage {
  readonly name: string;
  readonly nodes: number;
  readonly shape: NodeShape;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** All nodes' allocatable together. */
  readonly allocatable: Resources;
  /** Requests placed on the group, DaemonSets included. */
  readonly requested: Resources;
  /** Share of the group no pod requests (0 to 1). */
  readonly idleShare: number;
  /** Owners of the pods placed here (DaemonSets included), sorted. */
  readonly owners: readonly string[];
}

export interface NodeGroupPlacement {
  readonly groups: readonly NodeGroupUsage[];
  /** Pods no managed node took, one entry per pod. */
  readonly overflow: readonly PodGroup[];
}

interface GroupState {
  readonly name: string;
  readonly spec: NodeGroupSpec;
  readonly shape: NodeShape;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly overhead: PerNodeOverhead;
  readonly nodes: OpenNode[];
  readonly owners: Set<string>;
}

export function nodeGroupNodes(group: NodeGroupSpec): number {
  return group.desiredSize ?? group.minSize;
}

/** DaemonSet requests every node with these labels and taints runs. */
export function daemonSetOverhead(daemonSets: readonly PodGroup[], labels: Readonly<Record<string, string>>, taints: readonly Taint[]): { overhead: PerNodeOverhead; owners: string[] } {
  let requests = NO_RESOURCES;
  const owners: string[] = [];
  for (const daemonSet of daemonSets) {
    if (!podFitsNode(daemonSet, labels, taints)) continue;
    requests = addResources(requests, daemonSet.requests);
    owners.push(daemonSet.owner);
  }
  return { overhead: { requests, pods: owners.length }, owners };
}

export function placeOnNodeGroups(region: string, nodeGroups: Readonly<Record<string, NodeGroupSpec>>, pods: readonly PodGroup[]): NodeGroupPlacement {
  const daemonSets = pods.filter((pod) => pod.daemonSet);
  const states: GroupState[] = Object.entries(nodeGroups)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, spec]) => {
      const shape = nodeShape(region, spec.instanceTypes[0]!, spec.capacityType === "SPOT" ? "spot" : "on-demand", `nodeGroups.${name}.instanceTypes`);
      const taints = spec.taints.map((taint) => ({ key: taint.key, value: taint.value, effect: taint.effect }));
      const { overhead, owners } = daemonSetOverhead(daemonSets, spec.labels, taints);
      const nodes: OpenNode[] = [];
      for (let index = 0; index < nodeGroupNodes(spec); index++) {
        const node = emptyNode(shape, overhead);
        // DaemonSets larger than the node: it holds nothing else (and is fully used).
        nodes.push(node ?? { cpuMillicores: 0, memoryMiB: 0, pods: 0 });
      }
      return { name, spec, shape, labels: spec.labels, taints, overhead, nodes, owners: new Set(nodes.length > 0 ? owners : []) };
    });

  const overflow: PodGroup[] = [];
  const replicated = pods.filter((pod) => !pod.daemonSet).sort((a, b) => b.requests.cpuMillicores - a.requests.cpuMillicores || b.requests.memoryMiB - a.requests.memoryMiB || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  for (const group of replicated) {
    for (let replica = 0; replica < group.replicas; replica++) {
      const candidates = states.filter((state) => podFitsNode(group, state.labels, state.taints) && state.nodes.some((node) => fits(node, group.requests)));
      if (candidates.length === 0) {
        overflow.push({ ...group, replicas: 1 });
        continue;
      }
      // LeastAllocated: the group with the most CPU left per node (ties: name order).
      const freeCpu = (state: GroupState) => state.nodes.reduce((sum, node) => sum + node.cpuMillicores, 0) / state.nodes.length;
      const target = candidates.reduce((best, state) => (freeCpu(state) > freeCpu(best) ? state : best));
      const node = target.nodes.filter((open) => fits(open, group.requests)).reduce((best, open) => (open.cpuMillicores > best.cpuMillicores ? open : best));
      take(node, group.requests);
      target.owners.add(group.owner);
    }
  }
  return { groups: states.map(usageOf), overflow };
}

function usageOf(state: GroupState): NodeGroupUsage {
  const count = state.nodes.length;
  const allocatable = { cpuMillicores: state.shape.allocatable.cpuMillicores * count, memoryMiB: state.shape.allocatable.memoryMiB * count };
  const free = state.nodes.reduce((sum, node) => addResources(sum, { cpuMillicores: Math.max(0, node.cpuMillicores), memoryMiB: Math.max(0, node.memoryMiB) }), NO_RESOURCES);
  const requested = { cpuMillicores: allocatable.cpuMillicores - free.cpuMillicores, memoryMiB: allocatable.memoryMiB - free.memoryMiB };
  const usedShare = count === 0 ? 1 : Math.max(requested.cpuMillicores / allocatable.cpuMillicores, requested.memoryMiB / allocatable.memoryMiB);
  return {
    name: state.name,
    nodes: count,
    shape: state.shape,
    labels: state.labels,
    taints: state.taints,
    allocatable,
    requested,
    idleShare: Math.min(1, Math.max(0, 1 - usedShare)),
    owners: [...state.owners].sort(),
  };
}

/** Why applications cannot run on a group (taints they do not tolerate, a label they need), or undefined. */
export function applicationBarrier(usage: NodeGroupUsage, application: PodGroup): string | undefined {
  const taints = blockingTaints(usage.taints, application.tolerations);
  if (taints.length > 0) {
    const named = taints.map((taint) => `${taint.key}${taint.value === "" ? "" : `=${taint.value}`}:${taint.effect}`).join(", ");
    return `no application tolerates its taint${taints.length > 1 ? "s" : ""} ${named}`;
  }
  const missing = (application.requiredLabelKeys ?? []).filter((key) => !(key in usage.labels));
  if (missing.length > 0) {
    return `applications spread over ${missing.join(", ")} (Karpenter's enforced spot/on-demand split, whenUnsatisfiable: DoNotSchedule) and these nodes do not carry that label, so only add-ons run here`;
  }
  return undefined;
}
