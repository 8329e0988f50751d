/**
 * Writes `DIR/rollout.json` (the timeline, validated against its schema first) and
 * `DIR/rollout.txt` (its summary), each to a temporary file renamed over the target, so a
 * reader never sees half a file and a failure leaves the previous files.
 */
import { SlipwayError } from "../errors.js";
import { writeOutputFile } from "../synth/output-file.js";
import { rolloutSummary } from "./rollout-summary.js";
import { rolloutTimeline, type RolloutTimeline } from "./rollout-timeline.js";

export const ROLLOUT_FILE = "rollout.json";
export const ROLLOUT_SUMMARY_FILE = "rollout.txt";

/** The file's text: the validated timeline, keys in the schema's order, two-space indent. */
export function renderRolloutTimeline(timeline: RolloutTimeline): string {
  const parsed = rolloutTimeline.safeParse(timeline);
  if (!parsed.success) {
    throw new SlipwayError("LOCAL_CLUSTER", "the rollout's timeline does not match the rollout.json schema; nothing was written", {
      where: "src/simulate/rollout-timeline.ts",
      problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
      fix: "this is a bug in slipway simulate rollout: report it with the problems above",
    });
  }
  return JSON.stringify(parsed.data, null, 2) + "\n";
}

/** Writes both files into `directory` (created when missing); resolves with their paths. */
export async function writeRolloutTimeline(directory: string, timeline: RolloutTimeline): Promise<{ json: string; summary: string }> {
  const json = renderRolloutTimeline(timeline);
  const summary = rolloutSummary(timeline);
  return { json: await writeOutputFile(directory, ROLLOUT_FILE, json), summary: await writeOutputFile(directory, ROLLOUT_SUMMARY_FILE, summary) };
}
