/**
 * Karpenter's capacity as `slipway simulate` recorded it: per sample, the Karpenter nodes
 * (by instance type and capacity type) priced from the region's table, averaged over the
 * run weighted by time. Each sample holds until the next one (a node count is a state, not
 * a rate); the last sample closes the run and carries no weight unless it is the only one.
 *
 * Why not the samples' `dollarsPerHour`: it covers every node, the managed node groups'
 * too, which the estimate prices from the spec; Karpenter's share is priced here from the
 * same table, so its component and the node groups' never count a node twice.
 */
import { hourlyPrice } from "../pricing/ec2-prices.js";
import type { SimulationResult, SimulationSample } from "../simulate/simulation-result.js";

export interface SimulatedCapacity {
  /** Time-weighted mean $/hour of Karpenter's nodes. */
  readonly meanHourlyUsd: number;
  readonly minHourlyUsd: number;
  readonly maxHourlyUsd: number;
  /** Time-weighted mean number of Karpenter nodes (for their root volumes). */
  readonly meanNodes: number;
  readonly maxNodes: number;
  /** Simulated seconds the mean covers. */
  readonly seconds: number;
  /** Time-weighted mean nodes per `instanceType capacityType`, sorted. */
  readonly meanNodesByType: readonly { readonly instanceType: string; readonly capacityType: "spot" | "on-demand"; readonly meanNodes: number }[];
}

function karpenterNodes(sample: SimulationSample) {
  return sample.nodes.filter((entry) => entry.managedBy === "karpenter");
}

/** `where` prefixes the field path of a sample whose instance type has no price. */
export function simulatedCapacity(simulation: SimulationResult, region: string, where: string): SimulatedCapacity {
  const samples = [...simulation.samples].sort((a, b) => a.t - b.t);
  const hourly = samples.map((sample) => {
    const index = simulation.samples.indexOf(sample);
    return karpenterNodes(sample).reduce(
      (sum, entry, nodeIndex) => sum + entry.count * hourlyPrice(region, entry.instanceType, entry.capacityType, `${where} samples[${index}].nodes[${nodeIndex}].instanceType`),
      0,
    );
  });
  const counts = samples.map((sample) => karpenterNodes(sample).reduce((sum, entry) => sum + entry.count, 0));
  const weights = samples.map((sample, index) => (index + 1 < samples.length ? samples[index + 1]!.t - sample.t : 0));
  let total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) {
    // One sample (or all at one instant): that instant is the whole run.
    weights.fill(0);
    if (weights.length > 0) weights[weights.length - 1] = 1;
    total = weights.length > 0 ? 1 : 0;
  }
  const mean = (values: readonly number[]) => (total === 0 ? 0 : values.reduce((sum, value, index) => sum + value * weights[index]!, 0) / total);
  const byType = new Map<string, { instanceType: string; capacityType: "spot" | "on-demand"; weighted: number }>();
  samples.forEach((sample, index) => {
    for (const entry of karpenterNodes(sample)) {
      const key = `${entry.instanceType} ${entry.capacityType}`;
      const current = byType.get(key) ?? { instanceType: entry.instanceType, capacityType: entry.capacityType, weighted: 0 };
      current.weighted += entry.count * weights[index]!;
      byType.set(key, current);
    }
  });
  return {
    meanHourlyUsd: mean(hourly),
    minHourlyUsd: hourly.length === 0 ? 0 : Math.min(...hourly),
    maxHourlyUsd: hourly.length === 0 ? 0 : Math.max(...hourly),
    meanNodes: mean(counts),
    maxNodes: counts.length === 0 ? 0 : Math.max(...counts),
    seconds: samples.length === 0 ? 0 : samples[samples.length - 1]!.t - samples[0]!.t,
    meanNodesByType: [...byType.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => ({ instanceType: entry.instanceType, capacityType: entry.capacityType, meanNodes: total === 0 ? 0 : entry.weighted / total }))
      .filter((entry) => entry.meanNodes > 0),
  };
}
