/**
 * A team's quota holds its applications at their HPA minimum through a canary, per
 * namespace: refused at the quota field with the sum and its parts, exact for any quantity
 * spelling. Peaks per application come from canaryPeakPods (tested with the Rollout).
 */
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { quotaFitProblems } from "../../src/platform-spec/quota-fit.js";

const DEFAULT_RESOURCES = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } };

const REFERENCE_STEPS = [{ weight: 5 }, { weight: 20 }, { weight: 50 }, { weight: 80 }];

interface TestApplication {
  readonly namespace: string;
  readonly minReplicas: number;
  readonly resources?: typeof DEFAULT_RESOURCES;
  readonly host?: string;
}

interface Case {
  readonly name: string;
  readonly quota: Readonly<Record<string, string>>;
  readonly applications: Readonly<Record<string, TestApplication>>;
  readonly expected: readonly string[];
}

function spec(quota: Readonly<Record<string, string>>, applications: Readonly<Record<string, TestApplication>>) {
  return {
    teams: { payments: { quota: { requestsCpu: "20", requestsMemory: "40Gi", limitsCpu: "40", limitsMemory: "80Gi", ...quota } } },
    namespaces: { ledger: { team: "payments" }, billing: { team: "payments" }, free: {} },
    applications: Object.fromEntries(
      Object.entries(applications).map(([name, { namespace, minReplicas, resources, host }]) => [
        name,
        { namespace, resources: resources ?? DEFAULT_RESOURCES, autoscaling: { minReplicas }, canary: { steps: REFERENCE_STEPS }, ...(host === undefined ? {} : { host }) },
      ]),
    ),
  };
}

describe("quotaFitProblems", () => {
  it.each<Case>([
    { name: "the reference sizes in the reference quota", quota: {}, applications: { api: { namespace: "ledger", minReplicas: 3 } }, expected: [] },
    // 3 at the minimum + 2 while the canary runs (canaryPeakPods): 5 × 250m.
    { name: "exactly the canary peak (5 × 250m = 1250m)", quota: { requestsCpu: "1.25" }, applications: { api: { namespace: "ledger", minReplicas: 3 } }, expected: [] },
    {
      name: "the steady state (3 × 250m) but not the canary's pods: one millicore short of the peak",
      quota: { requestsCpu: "1249m" },
      applications: { api: { namespace: "ledger", minReplicas: 3 } },
      expected: [
        "teams.payments.quota.requestsCpu: 1249m cannot hold the applications in namespace ledger at their HPA minimum through a canary, which needs 1250m of requests.cpu (api: 5 pods × 250m, 3 at autoscaling.minReplicas + 2 during its canary); the API server would refuse the canary's pods (exceeded quota) and the rollout would stall. Raise the quota, or lower those applications' autoscaling.minReplicas or resources.requests.cpu",
      ],
    },
    {
      name: "a traffic-routed canary (host) keeps every stable pod: twice the minimum",
      quota: { requestsCpu: "1250m" },
      applications: { api: { namespace: "ledger", minReplicas: 3, host: "api.example.com" } },
      expected: [
        "teams.payments.quota.requestsCpu: 1250m cannot hold the applications in namespace ledger at their HPA minimum through a canary, which needs 1500m of requests.cpu (api: 6 pods × 250m, 3 at autoscaling.minReplicas + 3 during its canary (traffic-routed: the stable pods stay until promotion)); the API server would refuse the canary's pods (exceeded quota) and the rollout would stall. Raise the quota, or lower those applications' autoscaling.minReplicas or resources.requests.cpu",
      ],
    },
    {
      name: "two applications exactly filling 1.5Gi together at their peaks (3 pods each)",
      quota: { requestsMemory: "1.5Gi" },
      applications: { a: { namespace: "billing", minReplicas: 2 }, b: { namespace: "billing", minReplicas: 2 } },
      expected: [],
    },
    {
      name: "the quota applies per namespace: the same applications in two namespaces each fit",
      quota: { limitsCpu: "1.5" },
      applications: { a: { namespace: "ledger", minReplicas: 2 }, b: { namespace: "billing", minReplicas: 2 } },
      expected: [],
    },
    {
      name: "limits over the quota in each field, decimal memory units",
      quota: { limitsCpu: "2", limitsMemory: "2G" },
      applications: { a: { namespace: "ledger", minReplicas: 3 } },
      expected: [
        "teams.payments.quota.limitsCpu: 2 cannot hold the applications in namespace ledger at their HPA minimum through a canary, which needs 2500m of limits.cpu (a: 5 pods × 500m, 3 at autoscaling.minReplicas + 2 during its canary); the API server would refuse the canary's pods (exceeded quota) and the rollout would stall. Raise the quota, or lower those applications' autoscaling.minReplicas or resources.limits.cpu",
        "teams.payments.quota.limitsMemory: 2G cannot hold the applications in namespace ledger at their HPA minimum through a canary, which needs 2560Mi of limits.memory (a: 5 pods × 512Mi, 3 at autoscaling.minReplicas + 2 during its canary); the API server would refuse the canary's pods (exceeded quota) and the rollout would stall. Raise the quota, or lower those applications' autoscaling.minReplicas or resources.limits.memory",
      ],
    },
    { name: "a namespace of no team has no quota", quota: { requestsCpu: "0" }, applications: { a: { namespace: "free", minReplicas: 50 } }, expected: [] },
  ])("GIVEN $name WHEN checked THEN $expected.length problems", ({ quota, applications, expected }) => {
    expect(quotaFitProblems(spec(quota, applications)).map((problem) => `${problem.path.join(".")}: ${problem.message}`)).toEqual(expected);
  });

  it("GIVEN two applications whose minimum fits 1Gi but whose canaries do not WHEN the spec is parsed THEN SPEC_INVALID names the quota field and both applications", () => {
    const raw = {
      teams: { payments: { quota: { requestsMemory: "1Gi" } } },
      namespaces: { billing: { team: "payments" } },
      applications: { a: { namespace: "billing", autoscaling: { minReplicas: 2 } }, b: { namespace: "billing", autoscaling: { minReplicas: 2 } } },
    };
    let error: unknown;
    try {
      parseSpec(raw, "slipway.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).code).toBe("SPEC_INVALID");
    expect((error as SlipwayError).problems).toEqual([
      "teams.payments.quota.requestsMemory: 1Gi cannot hold the applications in namespace billing at their HPA minimum through a canary, which needs 1536Mi of requests.memory (a: 3 pods × 256Mi, 2 at autoscaling.minReplicas + 1 during its canary; b: 3 pods × 256Mi, 2 at autoscaling.minReplicas + 1 during its canary); the API server would refuse the canary's pods (exceeded quota) and the rollout would stall. Raise the quota, or lower those applications' autoscaling.minReplicas or resources.requests.memory",
    ]);
  });

  it("GIVEN the reference platform WHEN parsed THEN its quota holds its applications", () => {
    expect(quotaFitProblems(parseSpec({}, "test"))).toEqual([]);
  });
});
