import { describe, expect, it } from "vitest";
import { firstNumber, RolloutRecorder, type CanaryStep, type ObservedAnalysisRun, type RolloutObservation } from "../../src/simulate/rollout-recorder.js";

const STEPS: CanaryStep[] = [{ setWeight: 20 }, { pause: { duration: "6s" } }, { setWeight: 50 }, { pause: { duration: "6s" } }];
const pods = (stable: number, canary: number, notReady = 0) => [
  ...Array.from({ length: stable }, () => ({ hash: "old", ready: true })),
  ...Array.from({ length: canary }, () => ({ hash: "new", ready: true })),
  ...Array.from({ length: notReady }, () => ({ hash: "new", ready: false })),
];
const run = (phase: string, measurements: { phase: string; value?: string; startedAt: string }[], hash = "new"): ObservedAnalysisRun => ({
  metadata: { name: `api-server-${hash}-2`, labels: { "rollouts-pod-template-hash": hash } },
  spec: { metrics: [{ name: "success-rate", successCondition: "result[0] >= 0.99" }] },
  status: { phase, metricResults: [{ name: "success-rate", measurements: measurements.map((m) => ({ ...m, finishedAt: m.startedAt })) }] },
});
const at = (t: number, status: RolloutObservation["status"], observedPods = pods(4, 0), analysisRuns: ObservedAnalysisRun[] = []): RolloutObservation => ({ t, status, pods: observedPods, analysisRuns });

describe("RolloutRecorder", () => {
  it("GIVEN a canary that fails its analysis WHEN polled THEN the steps, the failed measurements and the abort are recorded, and the rewind after the abort is not a step", () => {
    const recorder = new RolloutRecorder(STEPS, "old");
    // The controller has not seen the new template yet: nothing is recorded.
    expect(recorder.observe(at(0, { phase: "Healthy", currentPodHash: "old", stableRS: "old", currentStepIndex: 4 }))).toBeUndefined();
    expect(recorder.timelineSteps()).toEqual([]);
    recorder.observe(at(30, { phase: "Progressing", currentPodHash: "new", stableRS: "old", currentStepIndex: 0 }, pods(4, 0, 1)));
    recorder.observe(at(60, { phase: "Paused", currentPodHash: "new", stableRS: "old", currentStepIndex: 1 }, pods(4, 1), [run("Running", [])]));
    recorder.observe(at(150, { phase: "Paused", currentPodHash: "new", stableRS: "old", currentStepIndex: 1 }, pods(4, 1), [run("Running", [{ phase: "Running", startedAt: "T2" }, { phase: "Failed", value: "[0.97]", startedAt: "T1" }])]));
    // Polled again: the same measurement is not counted twice.
    recorder.observe(at(180, { phase: "Paused", currentPodHash: "new", stableRS: "old", currentStepIndex: 1 }, pods(4, 1), [run("Running", [{ phase: "Failed", value: "[0.97]", startedAt: "T1" }, { phase: "Failed", value: "[0.9700000000000001]", startedAt: "T2" }])]));
    const outcome = recorder.observe(
      at(240, { phase: "Degraded", abort: true, message: "RolloutAborted: metric \"success-rate\" assessed Failed", currentPodHash: "new", stableRS: "old", currentStepIndex: 0 }, pods(4, 0), [
        run("Failed", [{ phase: "Failed", value: "[0.97]", startedAt: "T1" }, { phase: "Failed", value: "[0.9700000000000001]", startedAt: "T2" }, { phase: "Failed", value: "[0.97]", startedAt: "T3" }]),
        // Another revision's run is not the canary's.
        run("Successful", [{ phase: "Successful", value: "[1]", startedAt: "T0" }], "older"),
      ]),
    );
    expect(outcome).toBe("Degraded-aborted");
    expect(recorder.timelineSteps()).toEqual([
      { index: 0, setWeight: 20, startedAt: 30, endedAt: 60, pods: { canary: 0, stable: 4 } },
      // The abort scaled the canary to 0; the step keeps the pods it ran with.
      { index: 1, pause: "6s", startedAt: 60, pods: { canary: 1, stable: 4 } },
    ]);
    expect(recorder.analysisRuns()).toEqual([
      {
        name: "api-server-new-2",
        phase: "Failed",
        startedAt: 60,
        successCondition: "result[0] >= 0.99",
        measurements: [
          { at: 150, phase: "Failed", value: "[0.97]", successRate: 0.97 },
          { at: 180, phase: "Failed", value: "[0.9700000000000001]", successRate: 0.9700000000000001 },
          { at: 240, phase: "Failed", value: "[0.97]", successRate: 0.97 },
        ],
      },
    ]);
    expect(recorder.lastMessage).toContain("RolloutAborted");
    // Once ended, later polls change nothing.
    expect(recorder.observe(at(300, { phase: "Healthy", currentPodHash: "new", stableRS: "new" }))).toBe("Degraded-aborted");
    expect(recorder.timelineSteps()).toHaveLength(2);
  });

  it("GIVEN a canary that passes WHEN polled through every step THEN each step ends when the next starts and the promotion is Healthy", () => {
    const recorder = new RolloutRecorder(STEPS, "aborted");
    const status = (index: number, phase = "Paused") => ({ phase, currentPodHash: "new", stableRS: "old", currentStepIndex: index });
    recorder.observe(at(0, status(0, "Progressing"), pods(4, 0)));
    recorder.observe(at(30, status(1), pods(4, 1)));
    recorder.observe(at(210, status(2, "Progressing"), pods(4, 1)));
    recorder.observe(at(240, status(3), pods(2, 2)));
    recorder.observe(at(420, status(4, "Progressing"), pods(2, 4)));
    expect(recorder.observe(at(450, { phase: "Healthy", currentPodHash: "new", stableRS: "new", currentStepIndex: 4 }, pods(0, 4)))).toBe("Healthy");
    expect(recorder.timelineSteps().map((step) => [step.index, step.startedAt, step.endedAt, step.pods.canary, step.pods.stable])).toEqual([
      [0, 0, 30, 0, 4],
      [1, 30, 210, 1, 4],
      [2, 210, 240, 1, 4],
      [3, 240, 420, 2, 2],
    ]);
  });

  it("GIVEN steps the controller passed between two polls WHEN polled THEN they are recorded as entered and left at the poll that saw them passed", () => {
    const recorder = new RolloutRecorder(STEPS, "old");
    recorder.observe(at(20, { phase: "Paused", currentPodHash: "new", stableRS: "old", currentStepIndex: 1 }, pods(4, 1)));
    recorder.observe(at(400, { phase: "Healthy", currentPodHash: "new", stableRS: "old", currentStepIndex: 4 }, pods(0, 4)));
    expect(recorder.timelineSteps().map((step) => [step.index, step.startedAt, step.endedAt])).toEqual([
      [0, 20, 20],
      [1, 20, 400],
      [2, 400, 400],
      [3, 400, 400],
    ]);
  });

  it("GIVEN the controller never reports a new hash WHEN polled THEN no outcome is claimed", () => {
    const recorder = new RolloutRecorder(STEPS, "old");
    expect(recorder.observe(at(10, { phase: "Healthy", currentPodHash: "old", stableRS: "old" }))).toBeUndefined();
    expect(recorder.canary).toBeUndefined();
    expect(recorder.outcome).toBeUndefined();
  });
});

describe("firstNumber", () => {
  it.each([
    ["[0.97]", 0.97],
    ["0.97", 0.97],
    ["[1]", 1],
    ["[1e-3]", 0.001],
    ["[]", null],
    ["[NaN]", null],
    ["", null],
  ])("GIVEN %j THEN %s", (value, expected) => {
    expect(firstNumber(value)).toBe(expected);
  });
});
