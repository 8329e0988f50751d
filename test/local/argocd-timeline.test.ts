import { describe, expect, it } from "vitest";
import { applicationStatus, type RawApplication } from "../../src/local/argocd-sync.js";
import { renderWaveTimeline, waveTimeline } from "../../src/local/argocd-timeline.js";

/** An Application as the API server returns it, times given in seconds after 12:00:00. */
function application(name: string, wave: number, times: { created?: number; started?: number; finished?: number; healthy?: number }, health = "Healthy", phase = "Succeeded"): RawApplication {
  const at = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(Date.UTC(2026, 10, 30, 12, 0, seconds)).toISOString().replace(".000Z", "Z"));
  return {
    metadata: { name, annotations: { "argocd.argoproj.io/sync-wave": String(wave) }, ...(times.created !== undefined ? { creationTimestamp: at(times.created)! } : {}) },
    status: {
      sync: { status: "Synced" },
      health: { status: health, ...(times.healthy !== undefined ? { lastTransitionTime: at(times.healthy)! } : {}) },
      ...(times.started !== undefined ? { operationState: { phase, startedAt: at(times.started)!, ...(times.finished !== undefined ? { finishedAt: at(times.finished)! } : {}) } } : {}),
    },
  };
}

const root = application("root", -30, { created: 0, started: 2, finished: 50, healthy: 50 });

describe("waveTimeline", () => {
  it("GIVEN two waves WHEN timed THEN each wave's times are seconds after the root's creation: first created, first sync start, last Healthy and last synced, and who was Healthy last", () => {
    const statuses = [
      root,
      application("cert-manager", -25, { created: 10, started: 11, finished: 20, healthy: 18 }),
      application("metrics-server", -20, { created: 21, started: 22, finished: 26, healthy: 25 }),
      application("karpenter", -20, { created: 22, started: 23, finished: 40, healthy: 33 }),
    ].map(applicationStatus);
    expect(waveTimeline(statuses, "root")).toEqual([
      { wave: -25, applications: ["cert-manager"], created: 10, syncStarted: 11, synced: 20, healthy: 18, lastHealthy: "cert-manager" },
      { wave: -20, applications: ["karpenter", "metrics-server"], created: 21, syncStarted: 22, synced: 40, healthy: 33, lastHealthy: "karpenter" },
    ]);
  });

  it.each([
    ["one Application of the wave is not Healthy", application("karpenter", -20, { created: 22, started: 23, finished: 40, healthy: 33 }, "Degraded"), { synced: 40 }],
    ["one Application's sync is still running", application("karpenter", -20, { created: 22, started: 23, healthy: 33 }, "Healthy", "Running"), { healthy: 33, lastHealthy: "karpenter" }],
  ])("GIVEN %s WHEN timed THEN the wave has no time for what is not done yet", (_what, karpenter, done) => {
    const statuses = [root, application("metrics-server", -20, { created: 21, started: 22, finished: 26, healthy: 25 }), karpenter].map(applicationStatus);
    expect(waveTimeline(statuses, "root")).toEqual([{ wave: -20, applications: ["karpenter", "metrics-server"], created: 21, syncStarted: 22, ...done }]);
  });

  it("GIVEN two Applications Healthy in the same second WHEN timed THEN the last Healthy is named by name order, so the output is the same every run", () => {
    const statuses = [root, application("b", 0, { created: 5, healthy: 9 }), application("a", 0, { created: 5, healthy: 9 })].map(applicationStatus);
    expect(waveTimeline(statuses, "root")[0]?.lastHealthy).toBe("a");
  });

  it("GIVEN an Application up's wait saw Synced and Healthy before it turned Progressing and Healthy again WHEN timed THEN its wave counts the first time, not Argo CD's last health change", () => {
    const [rootStatus, alloy] = [root, application("alloy", 10, { created: 20, started: 21, finished: 30, healthy: 90 })].map(applicationStatus);
    const statuses = [rootStatus!, { ...alloy!, firstSettledAt: "2026-11-30T12:00:28Z" }];
    expect(waveTimeline(statuses, "root")[0]).toMatchObject({ healthy: 28, lastHealthy: "alloy" });
    expect(waveTimeline([rootStatus!, alloy!], "root")[0]).toMatchObject({ healthy: 90 });
  });

  it("GIVEN no root Application with a creation time WHEN timed THEN there is no origin and no timeline", () => {
    expect(waveTimeline([application("cert-manager", -25, { created: 10 })].map(applicationStatus), "root")).toEqual([]);
    expect(waveTimeline([application("root", -30, {}), application("cert-manager", -25, { created: 10 })].map(applicationStatus), "root")).toEqual([]);
  });

  it("GIVEN an Application up does not wait for WHEN timed THEN it is left out of its wave", () => {
    const statuses = [root, application("api-server", 30, { created: 40, healthy: 45 }), application("team-extra", 30, { created: 40 }, "Missing")].map(applicationStatus);
    expect(waveTimeline(statuses, "root", new Set(["team-extra"]))).toEqual([{ wave: 30, applications: ["api-server"], created: 40, healthy: 45, lastHealthy: "api-server" }]);
  });
});

describe("renderWaveTimeline", () => {
  it("GIVEN a wave done and one not yet Healthy WHEN rendered THEN one line per wave, a dash for what is not there", () => {
    expect(
      renderWaveTimeline([
        { wave: -25, applications: ["cert-manager"], created: 10, syncStarted: 11, synced: 20, healthy: 18, lastHealthy: "cert-manager" },
        { wave: 30, applications: ["api-server", "web"], created: 131 },
      ]),
    ).toEqual([
      "   -25   1  created   +10s  sync started   +11s  Synced+Healthy   +18s  synced   +20s  last: cert-manager",
      "    30   2  created  +131s  sync started      -  Synced+Healthy      -  synced      -",
    ]);
  });
});
