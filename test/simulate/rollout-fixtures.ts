/** Timelines as `slipway simulate rollout` writes them, for the summary and file tests. */
import type { RolloutTimeline } from "../../src/simulate/rollout-timeline.js";

export const ABORTED: RolloutTimeline = {
  schemaVersion: 1,
  platform: { name: "slipway", region: "eu-west-1" },
  application: "api-server",
  namespace: "production",
  image: { from: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api-server:v1.0.0", to: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api-server:v1.1.0" },
  servedSuccessRate: 0.97,
  requiredSuccessRate: 0.99,
  requestsPerSecond: 1500,
  speed: { factor: 30, scaled: ["applications.api-server.canary.steps[0].pause: 3m → 6s"] },
  steps: [
    { index: 0, setWeight: 20, startedAt: 3, endedAt: 21, pods: { canary: 1, stable: 4 } },
    { index: 1, pause: "3m", startedAt: 21, pods: { canary: 1, stable: 4 } },
  ],
  analysisRuns: [
    {
      name: "api-server-7c9d-2",
      phase: "Failed",
      startedAt: 21,
      successCondition: "result[0] >= 0.99",
      measurements: [
        { at: 150, phase: "Failed", value: "[0.97]", successRate: 0.97 },
        { at: 210, phase: "Failed", value: "[0.97]", successRate: 0.97 },
        { at: 270, phase: "Failed", value: "[0.97]", successRate: 0.97 },
      ],
    },
  ],
  outcome: "Degraded-aborted",
  message: 'RolloutAborted: Rollout aborted update to revision 2: Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
  durationSeconds: 272.4,
  wallSeconds: 9.1,
};
