/**
 * What `slipway cost` computes and `slipway report` shows: a monthly estimate per
 * component of the platform, with the price table it used and the assumptions it made.
 */

export type CostComponentId =
  | "eks-control-plane"
  | "managed-node-groups"
  | "karpenter-capacity"
  | "nat-gateways"
  | "load-balancers"
  | "ebs"
  | "s3"
  | "cloudwatch-logs"
  | "ecr";

export interface CostLine {
  /** What is priced, e.g. "system node group: 3 × m6i.large on-demand, 730 h". */
  readonly description: string;
  readonly monthlyUsd: number;
  /** The part of monthlyUsd no workload can use (idle capacity), when known. */
  readonly idleMonthlyUsd?: number;
}

export interface CostComponent {
  readonly id: CostComponentId;
  readonly title: string;
  /** Monthly USD; for Karpenter capacity without a simulation, the low end. */
  readonly monthlyUsd: number;
  /** A range when the figure depends on load (Karpenter at min and max replicas). */
  readonly range?: { readonly lowUsd: number; readonly highUsd: number };
  readonly lines: readonly CostLine[];
}

export interface CostEstimate {
  readonly region: string;
  /** Where the load came from: "simulation <file>" or "min/max replicas". */
  readonly basis: string;
  readonly components: readonly CostComponent[];
  readonly totalMonthlyUsd: number;
  readonly totalRange: { readonly lowUsd: number; readonly highUsd: number };
  /** Idle capacity, e.g. a managed node group no application can schedule onto. */
  readonly idle: readonly { readonly what: string; readonly monthlyUsd: number; readonly why: string }[];
  /** Each price table used: its date and source. */
  readonly priceSources: readonly { readonly table: string; readonly date: string; readonly source: string }[];
  readonly assumptions: readonly string[];
}
