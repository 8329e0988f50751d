/**
 * `DIR/simulation.json`, what `slipway simulate` writes and `slipway cost` and
 * `slipway report` read: time series of one load simulation on the local cluster.
 *
 * Times are in simulated seconds from the start of the load curve (wall seconds × speed).
 * Every series is sampled at the same instants (`samples[i].t`). The schema is the
 * contract; docs/simulate.md documents it field by field.
 */
import { z } from "zod";

export const SIMULATION_SCHEMA_VERSION = 1;

const capacityType = z.enum(["spot", "on-demand"]);

export const simulationSample = z.strictObject({
  /** Simulated seconds since the start of the curve. */
  t: z.number().min(0),
  /** Requests per second the curve drives, per application. */
  requestsPerSecond: z.record(z.string(), z.number().min(0)),
  /** Ready replicas per application (the Rollout's, as the HPA scales it). */
  replicas: z.record(z.string(), z.number().int().min(0)),
  /** Replicas the HPA wants per application. */
  desiredReplicas: z.record(z.string(), z.number().int().min(0)),
  /** Pods in the applications' namespaces the scheduler has not placed. */
  pendingPods: z.number().int().min(0),
  /** Nodes per NodePool (Karpenter) or node group (managed), by capacity type and instance type. */
  nodes: z.array(
    z.strictObject({
      pool: z.string(),
      managedBy: z.enum(["karpenter", "node-group"]),
      capacityType,
      instanceType: z.string(),
      count: z.number().int().min(0),
    }),
  ),
  /** USD per hour of every node at this instant, from the instance-type prices. */
  dollarsPerHour: z.number().min(0),
});

export const simulationResult = z.strictObject({
  schemaVersion: z.literal(SIMULATION_SCHEMA_VERSION),
  /** Platform name and region of the spec that was simulated. */
  platform: z.strictObject({ name: z.string(), region: z.string() }),
  /** The load: a named pattern or the file it came from. */
  load: z.strictObject({ pattern: z.string(), source: z.string().optional() }),
  /** Time compression: simulated seconds per wall second, and what it scaled. */
  speed: z.strictObject({ factor: z.number().min(1), scaled: z.array(z.string()) }),
  /** Simulated duration in seconds, and wall duration in seconds. */
  durationSeconds: z.number().min(0),
  wallSeconds: z.number().min(0),
  /** Where the prices come from (region table, date, source) and the spot assumption. */
  prices: z.strictObject({ source: z.string(), spotRatio: z.number() }),
  samples: z.array(simulationSample),
});

export type SimulationSample = z.infer<typeof simulationSample>;
export type SimulationResult = z.infer<typeof simulationResult>;
