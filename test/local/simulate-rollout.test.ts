/**
 * `slipway simulate rollout` on real controllers: two canary rollouts of a small spec on one
 * simulation cluster at ×30. Nothing is mocked: the upstream Argo Rollouts controller walks
 * the steps and runs the platform's AnalysisTemplate (pointed at the local Prometheus, with
 * compressed timings) against Debian's Prometheus, which scrapes the load exporter; only the
 * canary pods (the Rollout's new pod template hash) serve the chosen success rate.
 *
 * - v1.1.0 at 0.97, below the spec's 0.99: three failed measurements (failureLimit 2) abort it.
 * - v1.2.0 at 1.0: every measurement succeeds and the canary is promoted.
 *
 * Steps 20% / 3m, 50% / 3m: 12 wall seconds of pauses at ×30, long enough for the analysis
 * (initialDelay 4s, interval 2s) to measure more than three times.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBinaries } from "../../src/local/binaries.js";
import { down } from "../../src/local/local-cluster.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { RolloutSession, type RolloutRun } from "../../src/simulate/rollout-run.js";
import { rolloutTimeline } from "../../src/simulate/rollout-timeline.js";
import { simulationClusterName } from "../../src/simulate/simulation-run.js";
import { SHARED_CRDS_DIR } from "../support/paths.js";
import { needsShared } from "../support/shared.js";

const spec = parseSpec(
  {
    cluster: { name: `slipway-roll-${process.pid}` },
    applications: {
      "api-server": {
        namespace: "production",
        replicas: 4,
        autoscaling: { minReplicas: 4, maxReplicas: 8 },
        canary: { steps: [{ weight: 20, pause: "3m" }, { weight: 50, pause: "3m" }] },
      },
    },
  },
  "simulate-rollout.test.ts",
);
const log = (line: string) => process.stderr.write(`[simulate rollout] ${line}\n`);
const MINUTE = 60_000;
const SPEED = 30;
const outAborted = mkdtempSync(join(tmpdir(), "slipway-rollout-abort-"));
const outPromoted = mkdtempSync(join(tmpdir(), "slipway-rollout-promote-"));

let session: RolloutSession | undefined;
let aborted: RolloutRun;
let promoted: RolloutRun;
let wallSeconds = 0;

describe.skipIf(needsShared("the simulation with the add-ons' upstream CRDs"))("slipway simulate rollout walks real canaries judged by a real Prometheus", () => {
  beforeAll(async () => {
    await ensureBinaries({ onProgress: log });
    const started = Date.now();
    session = await RolloutSession.start({ spec, speed: SPEED, crdFolders: [SHARED_CRDS_DIR], onProgress: log });
    aborted = await session.rollout({ application: "api-server", imageTag: "v1.1.0", successRate: 0.97, outDirectory: outAborted });
    promoted = await session.rollout({ application: "api-server", imageTag: "v1.2.0", successRate: 1, outDirectory: outPromoted });
    wallSeconds = (Date.now() - started) / 1000;
    log(`up and both rollouts: ${Math.round(wallSeconds)} s wall`);
    log(readFileSync(aborted.files.summary, "utf8"));
    log(readFileSync(promoted.files.summary, "utf8"));
  }, 8 * MINUTE);

  afterAll(async () => {
    if (session !== undefined) await session.close();
    else await down(simulationClusterName(spec));
  }, MINUTE);

  it("GIVEN the canary at 0.97 WHEN the analysis measures it THEN the measurements fail and the rollout is aborted on a canary step", () => {
    const file = rolloutTimeline.parse(JSON.parse(readFileSync(aborted.files.json, "utf8")));
    expect(file).toEqual(aborted.timeline);
    expect(file).toMatchObject({ application: "api-server", namespace: "production", servedSuccessRate: 0.97, requiredSuccessRate: 0.99, outcome: "Degraded-aborted", speed: { factor: SPEED } });
    expect(file.image.to).toMatch(/:v1\.1\.0$/);
    const run = file.analysisRuns.find((candidate) => candidate.phase === "Failed");
    expect(run, JSON.stringify(file.analysisRuns)).toBeDefined();
    expect(run!.successCondition).toBe("result[0] >= 0.99");
    const failed = run!.measurements.filter((measurement) => measurement.phase === "Failed");
    // failureLimit 2: the third failure aborts.
    expect(failed.length).toBeGreaterThanOrEqual(3);
    for (const measurement of failed) expect(measurement.successRate).toBeCloseTo(0.97, 2);
    expect(file.steps[0]).toMatchObject({ index: 0, setWeight: 20 });
    expect(Math.max(...file.steps.map((step) => step.pods.canary))).toBeGreaterThanOrEqual(1);
    // Aborted before the last step's pause ran out.
    expect(file.steps.at(-1)!.index).toBeLessThan(4);
    expect(file.message).toMatch(/abort|fail/i);
    expect(readFileSync(aborted.files.summary, "utf8")).toContain("aborted: Degraded");
  });

  it("GIVEN the canary at 1.0 WHEN the analysis measures it THEN every measurement succeeds and the canary is promoted after every step", () => {
    const file = rolloutTimeline.parse(JSON.parse(readFileSync(promoted.files.json, "utf8")));
    expect(file).toMatchObject({ servedSuccessRate: 1, outcome: "Healthy" });
    expect(file.image.from).toMatch(/:v1\.1\.0$/);
    expect(file.image.to).toMatch(/:v1\.2\.0$/);
    expect(file.steps.map((step) => [step.index, step.setWeight ?? step.pause])).toEqual([
      [0, 20],
      [1, "3m"],
      [2, 50],
      [3, "3m"],
    ]);
    for (const step of file.steps) expect(step.endedAt, JSON.stringify(step)).toBeDefined();
    // A step's start and end are seen by polls 0.5 s wall (15 simulated seconds at ×30) apart, each up
    // to one poll late: a 3m pause reads 2m49s in one CI run. Well above the 6 s it would be without the pause.
    for (const pause of [file.steps[1]!, file.steps[3]!]) expect(pause.endedAt! - pause.startedAt).toBeGreaterThanOrEqual(180 - 2 * 15);
    expect(file.speed.scaled).toContain("applications.api-server.canary.steps[0].pause: 3m → 6s");
    expect(file.speed.scaled).toContain("AnalysisTemplate interval: 1m → 2s");
    // Both 3m pauses ran (6 wall seconds each at ×30), then the promotion.
    expect(file.durationSeconds).toBeGreaterThanOrEqual(360);
    const measurements = file.analysisRuns.flatMap((run) => run.measurements);
    expect(measurements.length, JSON.stringify(file.analysisRuns)).toBeGreaterThanOrEqual(1);
    for (const measurement of measurements) expect(measurement).toMatchObject({ phase: "Successful", successRate: 1 });
    expect(file.analysisRuns.every((run) => run.phase !== "Failed" && run.phase !== "Error")).toBe(true);
    expect(readFileSync(promoted.files.summary, "utf8")).toContain("promoted: Healthy");
  });

  it("GIVEN both rollouts WHEN timed THEN the cluster and both took under five wall minutes", () => {
    expect(wallSeconds).toBeLessThan(300);
  });
});
