/**
 * The text summary of a rollout timeline (`DIR/rollout.txt`, also printed by the command):
 * one line per step and per analysis measurement, in simulated time, then the outcome.
 */
import { formatSeconds } from "./duration.js";
import type { RolloutTimeline } from "./rollout-timeline.js";

export function rolloutSummary(timeline: RolloutTimeline): string {
  const lines = [
    `rollout of ${timeline.namespace}/${timeline.application}: ${timeline.image.from} → ${timeline.image.to}`,
    `canary pods served ${timeline.servedSuccessRate} of ${round(timeline.requestsPerSecond)} rps successfully; the analysis requires ${timeline.requiredSuccessRate} (time ×${timeline.speed.factor})`,
  ];
  const events: { t: number; order: number; text: string }[] = [];
  for (const step of timeline.steps) {
    const what = step.setWeight !== undefined ? `setWeight ${step.setWeight}%` : `pause ${step.pause}`;
    const until = step.endedAt === undefined ? "until the end" : `for ${formatSeconds(step.endedAt - step.startedAt)}`;
    events.push({ t: step.startedAt, order: 0, text: `step ${step.index}: ${what} ${until}; pods canary ${step.pods.canary}, stable ${step.pods.stable}` });
  }
  for (const run of timeline.analysisRuns) {
    events.push({ t: run.startedAt, order: 1, text: `analysis ${run.name} started (${run.successCondition})` });
    for (const measurement of run.measurements) {
      events.push({ t: measurement.at, order: 2, text: `  measurement ${measurement.value || "(no value)"}: ${measurement.phase}` });
    }
  }
  events.sort((a, b) => a.t - b.t || a.order - b.order);
  for (const event of events) lines.push(`${formatSeconds(event.t).padStart(7)}  ${event.text}`);
  const runs = timeline.analysisRuns.map((run) => `${run.name} ${run.phase}`).join(", ") || "none";
  lines.push(
    `${timeline.outcome === "Healthy" ? "promoted: Healthy" : "aborted: Degraded"} after ${formatSeconds(timeline.durationSeconds)} simulated, ${formatSeconds(timeline.wallSeconds)} wall; analysis runs: ${runs}${timeline.message === "" ? "" : `; ${timeline.message}`}`,
  );
  return lines.join("\n") + "\n";
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
