/**
 * Turns what `slipway simulate rollout` reads from the cluster, poll after poll, into the
 * timeline of rollout.json: the step the Rollouts controller is on and when it moved on,
 * the canary and stable pods, the analysis runs of the canary with every measurement, and
 * how the rollout ended. Pure: the run feeds it observations with their simulated time.
 *
 * The canary is the pod template hash the Rollout reports (`status.currentPodHash`) once
 * it differs from the one before the new tag; the rollout is promoted when that hash is
 * the stable ReplicaSet (`status.stableRS`) and the phase is Healthy, aborted when
 * `status.abort` is set (the analysis failed). After an abort the controller rewinds its
 * step index; the timeline keeps the step it aborted on.
 */
import { analysisMeasurement, type AnalysisRunRecord, type RolloutOutcome, type RolloutStep } from "./rollout-timeline.js";
import type { z } from "zod";

/** The Argo Rollouts label on each ReplicaSet's pods and on the AnalysisRuns of a revision. */
export const POD_TEMPLATE_HASH_LABEL = "rollouts-pod-template-hash";

export interface ObservedRolloutStatus {
  readonly phase?: string;
  readonly message?: string;
  readonly abort?: boolean;
  readonly currentStepIndex?: number;
  readonly currentPodHash?: string;
  readonly stableRS?: string;
}

export interface ObservedPod {
  readonly hash: string | undefined;
  readonly ready: boolean;
}

export interface ObservedAnalysisRun {
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: { readonly metrics?: readonly { readonly name: string; readonly successCondition?: string }[] };
  readonly status?: {
    readonly phase?: string;
    readonly metricResults?: readonly {
      readonly name: string;
      readonly measurements?: readonly { readonly phase?: string; readonly value?: string; readonly startedAt?: string; readonly finishedAt?: string }[];
    }[];
  };
}

export interface RolloutObservation {
  /** Simulated seconds since the new tag was applied. */
  readonly t: number;
  readonly status: ObservedRolloutStatus;
  readonly pods: readonly ObservedPod[];
  readonly analysisRuns: readonly ObservedAnalysisRun[];
}

/** A canary step as the Rollout lists it: `{ setWeight }` or `{ pause: { duration? } }`. */
export type CanaryStep = { readonly setWeight?: number; readonly pause?: { readonly duration?: string } };

/** Phases of a measurement that is still being taken. */
const UNFINISHED = new Set(["", "Pending", "Running"]);

export class RolloutRecorder {
  private canaryHash: string | undefined;
  private outcomeSeen: RolloutOutcome | undefined;
  private message = "";
  private readonly recordedSteps: { -readonly [K in keyof RolloutStep]: RolloutStep[K] }[] = [];
  private readonly runs = new Map<string, { record: AnalysisRunRecord; seen: Map<string, number> }>();

  /** `previousPodHash`: the Rollout's `status.currentPodHash` before the new tag was applied. */
  constructor(
    private readonly steps: readonly CanaryStep[],
    private readonly previousPodHash: string | undefined,
  ) {}

  /** Records one poll; returns the outcome once the rollout has ended. */
  observe(observation: RolloutObservation): RolloutOutcome | undefined {
    if (this.outcomeSeen !== undefined) return this.outcomeSeen;
    const { t, status } = observation;
    if (this.canaryHash === undefined && status.currentPodHash !== undefined && status.currentPodHash !== this.previousPodHash) this.canaryHash = status.currentPodHash;
    const canary = this.canaryHash;
    if (canary === undefined) return undefined;
    this.message = status.message ?? "";
    const ready = (hash: string | undefined) => observation.pods.filter((pod) => pod.ready && hash !== undefined && pod.hash === hash).length;
    const pods = { canary: ready(canary), stable: status.stableRS === canary ? 0 : ready(status.stableRS) };
    for (const run of observation.analysisRuns) if (run.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === canary) this.recordRun(t, run);

    if (status.abort === true) this.outcomeSeen = "Degraded-aborted";
    else if (status.stableRS === canary && status.phase === "Healthy") this.outcomeSeen = "Healthy";
    else {
      const index = status.currentStepIndex ?? 0;
      const current = this.recordedSteps.at(-1);
      if (current === undefined || current.index !== index) {
        if (current !== undefined) current.endedAt = t;
        // Steps the controller passed between two polls (a weight reached at once) are entered and left at this poll.
        for (let skipped = (current?.index ?? -1) + 1; skipped < Math.min(index, this.steps.length); skipped++) {
          this.recordedSteps.push({ index: skipped, ...describeStep(this.steps[skipped]!), startedAt: t, endedAt: t, pods });
        }
        if (index < this.steps.length) this.recordedSteps.push({ index, ...describeStep(this.steps[index]!), startedAt: t, pods });
      }
    }
    // The pods of the step still running; the poll that sees the end keeps what ran before it (an abort scales the canary down).
    const last = this.recordedSteps.at(-1);
    if (last !== undefined && last.endedAt === undefined && this.outcomeSeen === undefined) last.pods = pods;
    return this.outcomeSeen;
  }

  /** The canary's pod template hash, once the controller has made it. */
  get canary(): string | undefined {
    return this.canaryHash;
  }

  get outcome(): RolloutOutcome | undefined {
    return this.outcomeSeen;
  }

  /** The Rollout's last `status.message`. */
  get lastMessage(): string {
    return this.message;
  }

  timelineSteps(): RolloutStep[] {
    return this.recordedSteps.map((step) => ({ ...step, pods: { ...step.pods } }));
  }

  analysisRuns(): AnalysisRunRecord[] {
    return [...this.runs.values()].map(({ record }) => ({ ...record, measurements: [...record.measurements] }));
  }

  private recordRun(t: number, run: ObservedAnalysisRun): void {
    const name = run.metadata.name;
    let entry = this.runs.get(name);
    if (entry === undefined) {
      const successCondition = (run.spec?.metrics ?? []).map((metric) => metric.successCondition ?? "").filter((condition) => condition !== "").join("; ");
      entry = { record: { name, phase: run.status?.phase ?? "Pending", startedAt: t, successCondition, measurements: [] }, seen: new Map() };
      this.runs.set(name, entry);
    }
    entry.record.phase = run.status?.phase || entry.record.phase;
    // The controller keeps only the latest measurements: each is known by its times (and
    // how many share them), so one trimmed away is not counted again.
    const counts = new Map<string, number>();
    for (const result of run.status?.metricResults ?? []) {
      for (const measurement of result.measurements ?? []) {
        const phase = measurement.phase ?? "";
        if (UNFINISHED.has(phase)) continue;
        const key = `${result.name}|${measurement.startedAt ?? ""}|${measurement.finishedAt ?? ""}`;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if ((entry.seen.get(key) ?? 0) >= count) continue;
        entry.seen.set(key, count);
        const value = measurement.value ?? "";
        entry.record.measurements.push({ at: t, phase, value, successRate: firstNumber(value) });
      }
    }
  }
}

function describeStep(step: CanaryStep): Pick<RolloutStep, "setWeight" | "pause"> {
  if (step.setWeight !== undefined) return { setWeight: step.setWeight };
  return { pause: step.pause?.duration ?? "manual" };
}

/** The first number in a measurement value such as `[0.97]` or `0.97`; null for `[]`, `NaN` or nothing. */
export function firstNumber(value: string): z.infer<typeof analysisMeasurement>["successRate"] {
  const match = /-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?/i.exec(value);
  return match === null ? null : Number(match[0]);
}
