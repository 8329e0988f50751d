/**
 * Karpenter `karpenter.sh/v1` NodePools with an enforced spot/on-demand split.
 *
 * NodePool `weight` only orders pools that could all take a pod; it never shares capacity
 * between them. The split uses the technique Karpenter documents instead: both pools
 * offer a node label (CAPACITY_SPREAD_LABEL) with disjoint values, the spot pool
 * `1..spot` and the on-demand pool `spot+1..spot+onDemand`, and application pods spread
 * over that label with `topologySpreadConstraints` (`whenUnsatisfiable: DoNotSchedule`).
 * With 4:1 the scheduler places pods evenly over five values, four of which only spot
 * nodes carry, so 80% of those pods run on spot whatever the prices.
 *
 * Limits are shared in the same proportion, so together the pools never exceed the
 * spec's limits.
 */
import type { KubeObject } from "../../../manifest/kube-object.js";
import type { PlatformSpec } from "../../../platform-spec/schema.js";
import { CRD_API_VERSIONS } from "../../../versions.js";
import { CAPACITY_SPREAD_LABEL, MANAGED_BY_LABELS } from "../../conventions.js";
import { EC2_NODE_CLASS_NAME } from "./ec2-node-class.js";
import { splitQuantity } from "./split-quantity.js";
import type { CapacityType } from "../../../pricing/ec2-prices.js";

export interface CapacityPool {
  readonly name: string;
  readonly capacityType: CapacityType;
  /** Values of CAPACITY_SPREAD_LABEL this pool's nodes may carry. */
  readonly spreadValues: readonly string[];
  /** Parts of the split (4 of 4:1). */
  readonly share: number;
  /** Priority among pools that fit the same pod (spot first); not a ratio. */
  readonly weight: number;
}

/** The pools of the split; a pool with no share is left out. */
export function capacityPools(spec: PlatformSpec): CapacityPool[] {
  const { spot, onDemand } = spec.karpenter.capacitySplit;
  const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => String(from + index));
  const pools: CapacityPool[] = [
    { name: "spot", capacityType: "spot", spreadValues: range(1, spot), share: spot, weight: 50 },
    { name: "on-demand", capacityType: "on-demand", spreadValues: range(spot + 1, onDemand), share: onDemand, weight: 10 },
  ];
  return pools.filter((pool) => pool.share > 0);
}

export function nodePool(spec: PlatformSpec, pool: CapacityPool, totalShares: number): KubeObject {
  const karpenter = spec.karpenter;
  return {
    apiVersion: CRD_API_VERSIONS.karpenterNodePool,
    kind: "NodePool",
    metadata: { name: pool.name, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      weight: pool.weight,
      template: {
        spec: {
          nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: EC2_NODE_CLASS_NAME },
          requirements: [
            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
            { key: "kubernetes.io/arch", operator: "In", values: [...karpenter.architectures] },
            { key: "karpenter.sh/capacity-type", operator: "In", values: [pool.capacityType] },
            { key: "karpenter.k8s.aws/instance-family", operator: "In", values: [...karpenter.instanceFamilies] },
            { key: "karpenter.k8s.aws/instance-size", operator: "In", values: [...karpenter.instanceSizes] },
            { key: CAPACITY_SPREAD_LABEL, operator: "In", values: [...pool.spreadValues] },
          ],
          expireAfter: karpenter.expireAfter,
        },
      },
      disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: karpenter.consolidateAfter },
      limits: {
        cpu: splitQuantity(karpenter.limits.cpu, pool.share, totalShares),
        memory: splitQuantity(karpenter.limits.memory, pool.share, totalShares),
      },
    },
  };
}

export function nodePools(spec: PlatformSpec): KubeObject[] {
  const pools = capacityPools(spec);
  const total = pools.reduce((sum, pool) => sum + pool.share, 0);
  return pools.map((pool) => nodePool(spec, pool, total));
}
