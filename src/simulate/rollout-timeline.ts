/**
 * `DIR/rollout.json`, what `slipway simulate rollout` writes: the timeline of one canary
 * rollout walked by the real Argo Rollouts controller on the simulation cluster.
 *
 * Times are simulated seconds from the moment the new image tag was applied (wall
 * seconds × speed). The schema is the contract; docs/simulate.md ("Rollouts") documents
 * it field by field.
 */
import { z } from "zod";

export const ROLLOUT_SCHEMA_VERSION = 1;
/** How a rollout ends: promoted (the canary became stable) or aborted (the analysis failed). */
export const ROLLOUT_OUTCOMES = ["Healthy", "Degraded-aborted"] as const;

const pods = z.strictObject({
  /** Ready pods of the canary ReplicaSet (the new pod template hash). */
  canary: z.number().int().min(0),
  /** Ready pods of the stable ReplicaSet. */
  stable: z.number().int().min(0),
});

export const rolloutStep = z.strictObject({
  /** The Rollout's step index (`status.currentStepIndex`): setWeight and pause alternate. */
  index: z.number().int().min(0),
  setWeight: z.number().int().min(0).max(100).optional(),
  /** The spec's pause, in simulated time like every time here (the applied, compressed one is in `speed.scaled`); `manual` for a pause without duration. */
  pause: z.string().optional(),
  startedAt: z.number().min(0),
  /** When the controller moved on (absent for the step the rollout ended on). */
  endedAt: z.number().min(0).optional(),
  /** Ready pods at the last poll while the step ran (before an abort scaled the canary down). */
  pods,
});

export const analysisMeasurement = z.strictObject({
  /** Simulated seconds when the measurement was first seen. */
  at: z.number().min(0),
  /** Argo Rollouts' phase of the measurement: Successful, Failed, Error, Inconclusive. */
  phase: z.string(),
  /** The value as the controller recorded it, e.g. `[0.97]`. */
  value: z.string(),
  /** The first number in `value`: the canary's success rate; null when there was none (no data). */
  successRate: z.number().nullable(),
});

export const analysisRun = z.strictObject({
  name: z.string(),
  /** Its phase when the rollout ended: Running, Successful, Failed, Error, Inconclusive. */
  phase: z.string(),
  startedAt: z.number().min(0),
  /** The success condition evaluated, from the AnalysisTemplate. */
  successCondition: z.string(),
  measurements: z.array(analysisMeasurement),
});

export const rolloutTimeline = z.strictObject({
  schemaVersion: z.literal(ROLLOUT_SCHEMA_VERSION),
  platform: z.strictObject({ name: z.string(), region: z.string() }),
  application: z.string(),
  namespace: z.string(),
  image: z.strictObject({ from: z.string(), to: z.string() }),
  /** The success rate the canary pods served (--success-rate); stable pods served 1. */
  servedSuccessRate: z.number().min(0).max(1),
  /** The spec's `canary.successRate`, the analysis' threshold. */
  requiredSuccessRate: z.number().min(0).max(1),
  /** Requests per second the application received during the rollout. */
  requestsPerSecond: z.number().min(0),
  speed: z.strictObject({ factor: z.number().min(1), scaled: z.array(z.string()) }),
  steps: z.array(rolloutStep),
  analysisRuns: z.array(analysisRun),
  outcome: z.enum(ROLLOUT_OUTCOMES),
  /** The Rollout's `status.message` at the end (why it aborted). */
  message: z.string(),
  /** From applying the new tag to the end: simulated and wall seconds. */
  durationSeconds: z.number().min(0),
  wallSeconds: z.number().min(0),
});

export type RolloutStep = z.infer<typeof rolloutStep>;
export type AnalysisRunRecord = z.infer<typeof analysisRun>;
export type RolloutTimeline = z.infer<typeof rolloutTimeline>;
export type RolloutOutcome = (typeof ROLLOUT_OUTCOMES)[number];
