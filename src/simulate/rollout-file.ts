/**
 * Writes `DIR/rollout.json` (the timeline, validated against its schema first) and
 * `DIR/rollout.txt` (its summary), each to a temporary file renamed over the target, so a
 * reader never sees half a file and a failure leaves the previous files.
 */
import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SlipwayError } from "../errors.js";
import { ensureOutputDirectory } from "../synth/output-directory.js";
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
  const files: [string, string][] = [
    [ROLLOUT_FILE, renderRolloutTimeline(timeline)],
    [ROLLOUT_SUMMARY_FILE, rolloutSummary(timeline)],
  ];
  ensureOutputDirectory(directory);
  for (const [name, text] of files) {
    const target = join(directory, name);
    const temporary = join(directory, `.${name}.${process.pid}.tmp`);
    try {
      await writeFile(temporary, text);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new SlipwayError("OUTPUT_UNWRITABLE", `could not write ${target}: ${(error as Error).message}`, { where: target, fix: "pass --out a folder you can write to", cause: error });
    }
  }
  return { json: join(directory, ROLLOUT_FILE), summary: join(directory, ROLLOUT_SUMMARY_FILE) };
}
