import { describe, expect, it } from "vitest";
import { canaryPeakPods, canarySteps, rollout } from "../../../src/gitops/applications/rollout.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import type { PlatformSpecInput } from "../../../src/platform-spec/schema.js";

function build(input: PlatformSpecInput, name: string) {
  const spec = parseSpec(input, "test");
  return rollout(name, spec.applications[name]!, spec, platformNames(spec));
}

describe("rollout", () => {
  const reference = build({}, "api-server");
  const canary = (reference.spec as { strategy: { canary: Record<string, unknown> } }).strategy.canary;

  it("GIVEN the reference api-server WHEN built THEN the canary goes 5/20/50/80 with 5m/10m/10m/10m pauses", () => {
    expect(canary.steps).toEqual([
      { setWeight: 5 },
      { pause: { duration: "5m" } },
      { setWeight: 20 },
      { pause: { duration: "10m" } },
      { setWeight: 50 },
      { pause: { duration: "10m" } },
      { setWeight: 80 },
      { pause: { duration: "10m" } },
    ]);
  });

  it("GIVEN the reference api-server WHEN built THEN stable and canary Services are named and the success-rate analysis runs in the background from step 1 on the canary's hash", () => {
    expect(canary.stableService).toBe("api-server-stable");
    expect(canary.canaryService).toBe("api-server-canary");
    expect(canary.analysis).toEqual({
      templates: [{ templateName: "api-server-success-rate" }],
      startingStep: 1,
      args: [{ name: "canary-hash", valueFrom: { podTemplateHashValue: "Latest" } }],
    });
  });

  it("GIVEN no public host WHEN built THEN there is no traffic router (the split follows replica counts)", () => {
    expect(canary.trafficRouting).toBeUndefined();
  });

  it("GIVEN the reference api-server WHEN built THEN it starts at the spec's 10 replicas and selects its pods by name", () => {
    expect(reference.metadata).toEqual({
      name: "api-server",
      namespace: "production",
      labels: { "app.kubernetes.io/name": "api-server", "app.kubernetes.io/managed-by": "slipway" },
    });
    expect(reference.spec).toMatchObject({ replicas: 10, revisionHistoryLimit: 3, selector: { matchLabels: { "app.kubernetes.io/name": "api-server" } } });
  });

  it("GIVEN an app with a host and its own canary including a manual step WHEN built THEN the steps follow the spec and the ALB splits traffic on the stable Service port", () => {
    const custom = build(
      {
        applications: {
          "api-server": { namespace: "production" },
          shop: { namespace: "staging", replicas: 4, host: "shop.example.com", canary: { steps: [{ weight: 25, pause: "1m" }, { weight: 60 }] } },
        },
      },
      "shop",
    );
    const strategy = (custom.spec as { strategy: { canary: Record<string, unknown> } }).strategy.canary;
    expect(strategy.steps).toEqual([{ setWeight: 25 }, { pause: { duration: "1m" } }, { setWeight: 60 }, { pause: {} }]);
    expect(strategy.trafficRouting).toEqual({ alb: { ingress: "shop", servicePort: 80 } });
    expect(custom.spec).toMatchObject({ replicas: 4 });
  });

  it("GIVEN a single step without pause WHEN steps are listed THEN it waits for a manual promotion", () => {
    const spec = parseSpec({ applications: { one: { namespace: "production", canary: { steps: [{ weight: 50 }] } } } }, "test");
    expect(canarySteps(spec.applications.one!)).toEqual([{ setWeight: 50 }, { pause: {} }]);
  });
});

describe("canaryPeakPods", () => {
  const REFERENCE_STEPS = [5, 20, 50, 80];
  const shape = (weights: number[], host?: string) => ({ ...(host === undefined ? {} : { host }), canary: { steps: weights.map((weight) => ({ weight })) } });

  // Worked by hand from Argo Rollouts' CalculateReplicaCountsForCanary (utils/replicaset/canary.go).
  it.each<[string, number[], string | undefined, number, number]>([
    ["reference steps, 3 replicas: maxSurge 1, +1 at 50% (1.5 pods), 3 stable + 2 canary", REFERENCE_STEPS, undefined, 3, 5],
    ["reference steps, 2 replicas: maxSurge 1 caps every step at 3", REFERENCE_STEPS, undefined, 2, 3],
    ["reference steps, 1 replica: one canary pod beside the stable one", REFERENCE_STEPS, undefined, 1, 2],
    ["one 50% step, 10 replicas: the 25% surge (3) caps 10 + 5", [50], undefined, 10, 13],
    ["one 1% step, 100 replicas: promotion to 100% is capped by the 25 surge", [1], undefined, 100, 125],
    ["even quarters, 4 replicas: 4 + 1 at every step", [25, 50, 75], undefined, 4, 5],
    ["a host (ALB traffic routing), 3 replicas: the stable pods stay until the canary has all", REFERENCE_STEPS, "api.example.com", 3, 6],
    ["a host, 10 replicas", [50], "api.example.com", 10, 20],
  ])("GIVEN %s WHEN the peak is computed THEN it matches Argo Rollouts' replica arithmetic", (_name, weights, host, replicas, expected) => {
    expect(canaryPeakPods(shape(weights, host), replicas)).toBe(expected);
  });

  it("GIVEN the generated Rollouts WHEN read THEN they set no maxSurge, maxUnavailable or dynamicStableScale, the defaults canaryPeakPods assumes", () => {
    for (const input of [{}, { applications: { web: { namespace: "production", host: "web.example.com" } } }] as PlatformSpecInput[]) {
      const spec = parseSpec(input, "test");
      for (const [name, application] of Object.entries(spec.applications)) {
        const canary = (rollout(name, application, spec, platformNames(spec)).spec as { strategy: { canary: Record<string, unknown> } }).strategy.canary;
        for (const key of ["maxSurge", "maxUnavailable", "dynamicStableScale", "scaleDownDelaySeconds", "scaleDownDelayRevisionLimit"]) expect(canary[key], key).toBeUndefined();
        expect(canary.trafficRouting !== undefined).toBe(application.host !== undefined);
      }
    }
  });
});
