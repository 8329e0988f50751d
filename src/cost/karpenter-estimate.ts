/**
 * Karpenter's capacity without a simulation: an ESTIMATE of the nodes it would launch for
 * the applications at a given number of replicas (their minimum or maximum), not what
 * Karpenter decides. `slipway simulate` runs the real Karpenter and records its choices.
 *
 * How it mirrors the platform: application pods spread over the capacity label with
 * `maxSkew: 1` and `minDomains` = spot + on-demand parts (src/gitops/applications/pod-template.ts),
 * and each value of that label is carried by nodes of one NodePool only
 * (src/gitops/platform/karpenter/node-pools.ts). So an application's n pods are dealt
 * evenly over the domains (the spot domains, which Karpenter weighs first, get the
 * remainder), and each domain's pods are packed onto their own nodes. For every domain the
 * allowed instance type (families × sizes × architectures) that holds its pods at the
 * lowest hourly price is chosen, after each node's DaemonSets. Add-on pods no managed node
 * group takes join the nodes with room left, else new nodes of the first pool.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";
import { capacityPools } from "../gitops/platform/karpenter/node-pools.js";
import { CAPACITY_SPREAD_LABEL } from "../gitops/conventions.js";
import { localInstanceTypes } from "../local/karpenter-instance-types.js";
import { quantityIn, type PodGroup, type Resources, podFitsNode } from "./pod-requests.js";
import { nodeShape, type NodeShape } from "./node-shapes.js";
import { fits, packPods, sortedForPacking, take, type OpenNode } from "./node-packing.js";
import { daemonSetOverhead } from "./node-group-placement.js";

export interface KarpenterNodes {
  readonly pool: string;
  readonly domain: string;
  readonly instanceType: string;
  readonly capacityType: "spot" | "on-demand";
  readonly count: number;
  readonly hourlyUsd: number;
}

export interface KarpenterEstimate {
  readonly nodes: readonly KarpenterNodes[];
  readonly nodeCount: number;
  readonly hourlyUsd: number;
  /** What could not be placed or exceeds the NodePools' limits. */
  readonly notes: readonly string[];
}

/** Labels a Karpenter node of this pool and domain carries (what node selectors can match). */
function karpenterLabels(pool: string, capacityType: string, domain: string): Record<string, string> {
  return { "karpenter.sh/nodepool": pool, "karpenter.sh/capacity-type": capacityType, [CAPACITY_SPREAD_LABEL]: domain };
}

interface Domain {
  readonly pool: string;
  readonly capacityType: "spot" | "on-demand";
  readonly value: string;
  readonly pods: Resources[];
}

/**
 * Karpenter's nodes for `applications` (each PodGroup's replicas are the count to place)
 * plus `overflow` add-on pods, with the DaemonSets in `daemonSets`.
 */
export function estimateKarpenterNodes(spec: PlatformSpec, applications: readonly PodGroup[], overflow: readonly PodGroup[], daemonSets: readonly PodGroup[]): KarpenterEstimate {
  const region = spec.aws.region;
  const notes: string[] = [];
  const pools = capacityPools(spec);
  const domains: Domain[] = pools.flatMap((pool) => pool.spreadValues.map((value) => ({ pool: pool.name, capacityType: pool.capacityType, value, pods: [] as Resources[] })));
  const typeNames = localInstanceTypes(spec).types.map((type) => type.name);
  if (typeNames.length === 0) {
    const pods = applications.reduce((sum, application) => sum + application.replicas, 0) + overflow.length;
    const named = `${spec.karpenter.instanceFamilies.join(", ")} × ${spec.karpenter.instanceSizes.join(", ")}`;
    notes.push(`Karpenter may launch no instance type Slipway can size and price (karpenter.instanceFamilies × instanceSizes: ${named}; src/local/instance-types.ts and src/pricing/ec2-prices.ts list the known ones): ${pods} pods are left unpriced`);
    return { nodes: [], nodeCount: 0, hourlyUsd: 0, notes };
  }

  for (const application of [...applications].sort((a, b) => (a.owner < b.owner ? -1 : 1))) {
    const base = Math.floor(application.replicas / domains.length);
    const remainder = application.replicas % domains.length;
    domains.forEach((domain, index) => {
      for (let pod = 0; pod < base + (index < remainder ? 1 : 0); pod++) domain.pods.push(application.requests);
    });
  }

  const shapes = (capacityType: "spot" | "on-demand") => typeNames.map((name) => nodeShape(region, name, capacityType, "karpenter.instanceFamilies"));
  const result: KarpenterNodes[] = [];
  const open: { domain: Domain; shape: NodeShape; nodes: OpenNode[] }[] = [];
  for (const domain of domains) {
    if (domain.pods.length === 0) continue;
    const best = cheapestPacking(shapes(domain.capacityType), daemonSetOverhead(daemonSets, karpenterLabels(domain.pool, domain.capacityType, domain.value), []).overhead, domain.pods);
    if (best === undefined) {
      notes.push(`${domain.pods.length} application pods of capacity domain ${domain.value} (${domain.pool}) fit no allowed instance type: they stay Pending`);
      continue;
    }
    open.push({ domain, shape: best.shape, nodes: best.nodes });
  }

  const homeless: Resources[] = [];
  for (const pod of overflow) {
    const home = open.find(({ domain }) => podFitsNode(pod, karpenterLabels(domain.pool, domain.capacityType, domain.value), []));
    if (home === undefined && !podFitsNode(pod, karpenterLabels(domains[0]?.pool ?? "", domains[0]?.capacityType ?? "spot", domains[0]?.value ?? ""), [])) {
      notes.push(`${pod.owner} fits neither a managed node group with room nor a Karpenter node: it stays Pending`);
      continue;
    }
    const node = open.flatMap((entry) => entry.nodes).find((candidate) => fits(candidate, pod.requests));
    if (node !== undefined) take(node, pod.requests);
    else homeless.push(pod.requests);
  }
  if (homeless.length > 0 && domains[0] !== undefined) {
    const first = domains[0];
    const best = cheapestPacking(shapes(first.capacityType), daemonSetOverhead(daemonSets, karpenterLabels(first.pool, first.capacityType, first.value), []).overhead, homeless);
    if (best === undefined) notes.push(`${homeless.length} add-on pods fit no allowed Karpenter instance type: they stay Pending`);
    else open.push({ domain: { ...first, pods: homeless }, shape: best.shape, nodes: best.nodes });
  }

  for (const { domain, shape, nodes } of open) {
    result.push({ pool: domain.pool, domain: domain.value, instanceType: shape.instanceType, capacityType: domain.capacityType, count: nodes.length, hourlyUsd: shape.hourlyUsd * nodes.length });
  }
  const nodeCount = result.reduce((sum, entry) => sum + entry.count, 0);
  const hourlyUsd = result.reduce((sum, entry) => sum + entry.hourlyUsd, 0);
  const cpu = open.reduce((sum, entry) => sum + entry.shape.vcpu * entry.nodes.length, 0);
  const limit = quantityIn(spec.karpenter.limits.cpu, "millicores") / 1000;
  if (cpu > limit) notes.push(`these nodes have ${cpu} vCPUs, more than karpenter.limits.cpu (${spec.karpenter.limits.cpu}): Karpenter stops at the limit and the rest of the pods stay Pending`);
  return { nodes: result, nodeCount, hourlyUsd, notes };
}

/** The shape whose packing of `pods` costs least per hour (ties: fewer nodes, then name). */
function cheapestPacking(shapes: readonly NodeShape[], overhead: Parameters<typeof packPods>[1], pods: readonly Resources[]): { shape: NodeShape; nodes: OpenNode[] } | undefined {
  let best: { shape: NodeShape; nodes: OpenNode[]; cost: number } | undefined;
  const sorted = sortedForPacking(pods);
  for (const shape of shapes) {
    const nodes = packPods(shape, overhead, sorted);
    if (nodes === undefined) continue;
    const cost = Math.round(nodes.length * shape.hourlyUsd * 1e6);
    if (best === undefined || cost < best.cost || (cost === best.cost && (nodes.length < best.nodes.length || (nodes.length === best.nodes.length && shape.instanceType < best.shape.instanceType)))) {
      best = { shape, nodes, cost };
    }
  }
  return best && { shape: best.shape, nodes: best.nodes };
}
