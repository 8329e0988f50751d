/**
 * A simulation.json as `slipway simulate` would write it for a spec, made without a
 * cluster for the report's tests and benchmark: a daily wave of requests per second per
 * application, replicas from each HPA's requests-per-second target (within min and max),
 * the managed node groups at their minimum, Karpenter nodes for the replicas split by the
 * spec's spot/on-demand shares, and USD per hour from the real price table. The result is
 * parsed with the schema, so a fixture that drifts from the contract fails here.
 */
import type { PlatformSpec } from "../../src/platform-spec/schema.js";
import { hourlyPrice, SPOT_PRICE_RATIO, EC2_ON_DEMAND_PRICES } from "../../src/pricing/ec2-prices.js";
import { simulationResult, SIMULATION_SCHEMA_VERSION, type SimulationResult } from "../../src/simulate/simulation-result.js";

export interface SimulationFixtureOptions {
  /** Simulated seconds. @default 3600 */
  readonly durationSeconds?: number;
  /** Seconds between samples. @default 60 */
  readonly stepSeconds?: number;
  /** Peak requests per second of each application. @default 20000 */
  readonly peakRequestsPerSecond?: number;
  /** @default 20 */
  readonly speed?: number;
}

/** Pods of 250m per 2-vCPU Karpenter node (c6i.large), leaving room for daemon sets. */
const PODS_PER_NODE = 6;
const KARPENTER_INSTANCE_TYPE = "c6i.large";

export function simulationFixture(spec: PlatformSpec, options: SimulationFixtureOptions = {}): SimulationResult {
  const duration = options.durationSeconds ?? 3600;
  const step = options.stepSeconds ?? 60;
  const peak = options.peakRequestsPerSecond ?? 20000;
  const speed = options.speed ?? 20;
  const region = spec.aws.region;
  const { spot, onDemand } = spec.karpenter.capacitySplit;
  const samples: SimulationResult["samples"] = [];
  for (let t = 0; t <= duration; t += step) {
    // One period of a daily wave over the run: low at the start and end, peak in the middle.
    const wave = 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / duration);
    const requestsPerSecond: Record<string, number> = {};
    const replicas: Record<string, number> = {};
    Object.entries(spec.applications).forEach(([name, application], index) => {
      const rps = Math.round(peak * (0.1 + 0.9 * wave) * (1 - index * 0.15));
      const { minReplicas, maxReplicas, requestsPerSecond: target } = application.autoscaling;
      requestsPerSecond[name] = Math.max(0, rps);
      replicas[name] = Math.min(maxReplicas, Math.max(minReplicas, Math.ceil(rps / (target ?? 1000))));
    });
    const pods = Object.values(replicas).reduce((sum, count) => sum + count, 0);
    const karpenterNodes = Math.ceil(pods / PODS_PER_NODE);
    const spotNodes = spec.karpenter.enabled ? Math.round((karpenterNodes * spot) / (spot + onDemand)) : 0;
    const onDemandNodes = spec.karpenter.enabled ? karpenterNodes - spotNodes : 0;
    const nodes: SimulationResult["samples"][number]["nodes"] = [
      ...Object.entries(spec.nodeGroups).map(([pool, group]) => ({
        pool,
        managedBy: "node-group" as const,
        capacityType: group.capacityType === "SPOT" ? ("spot" as const) : ("on-demand" as const),
        instanceType: group.instanceTypes[0]!,
        count: group.minSize,
      })),
      ...(spotNodes > 0 ? [{ pool: "spot", managedBy: "karpenter" as const, capacityType: "spot" as const, instanceType: KARPENTER_INSTANCE_TYPE, count: spotNodes }] : []),
      ...(onDemandNodes > 0 ? [{ pool: "on-demand", managedBy: "karpenter" as const, capacityType: "on-demand" as const, instanceType: KARPENTER_INSTANCE_TYPE, count: onDemandNodes }] : []),
    ];
    const dollarsPerHour = nodes.reduce((sum, node) => sum + node.count * hourlyPrice(region, node.instanceType, node.capacityType, "simulation fixture"), 0);
    samples.push({ t, requestsPerSecond, replicas, desiredReplicas: { ...replicas }, pendingPods: 0, nodes, dollarsPerHour: Math.round(dollarsPerHour * 10000) / 10000 });
  }
  return simulationResult.parse({
    schemaVersion: SIMULATION_SCHEMA_VERSION,
    platform: { name: spec.cluster.name, region },
    load: { pattern: "daily" },
    speed: { factor: speed, scaled: ["HPA sync period", "HPA scale-down stabilization window", "Karpenter consolidateAfter"] },
    durationSeconds: duration,
    wallSeconds: duration / speed,
    prices: { source: EC2_ON_DEMAND_PRICES[region]?.source ?? region, spotRatio: SPOT_PRICE_RATIO },
    samples,
  });
}
