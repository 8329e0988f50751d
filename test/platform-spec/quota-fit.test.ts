/**
 * A team's quota holds the HPA minimum of its applications, per namespace: refused at the
 * quota field with the sum and its parts, exact for any quantity spelling.
 */
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { quotaFitProblems } from "../../src/platform-spec/quota-fit.js";

const DEFAULT_RESOURCES = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } };

interface TestApplication {
  readonly namespace: string;
  readonly minReplicas: number;
  readonly resources?: typeof DEFAULT_RESOURCES;
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
      Object.entries(applications).map(([name, { namespace, minReplicas, resources }]) => [name, { namespace, resources: resources ?? DEFAULT_RESOURCES, autoscaling: { minReplicas } }]),
    ),
  };
}

describe("quotaFitProblems", () => {
  it.each<Case>([
    { name: "the reference sizes in the reference quota", quota: {}, applications: { api: { namespace: "ledger", minReplicas: 3 } }, expected: [] },
    { name: "exactly the quota (3 × 250m = 750m)", quota: { requestsCpu: "0.75" }, applications: { api: { namespace: "ledger", minReplicas: 3 } }, expected: [] },
    {
      name: "one millicore short",
      quota: { requestsCpu: "749m" },
      applications: { api: { namespace: "ledger", minReplicas: 3 } },
      expected: [
        "teams.payments.quota.requestsCpu: 749m cannot hold the HPA minimum of the applications in namespace ledger, which need 750m of requests.cpu (api: 3 × 250m); the API server would refuse their pods (exceeded quota). Raise the quota, or lower those applications' autoscaling.minReplicas or resources.requests.cpu",
      ],
    },
    {
      name: "two applications exactly filling 1Gi together",
      quota: { requestsMemory: "1Gi" },
      applications: { a: { namespace: "billing", minReplicas: 2 }, b: { namespace: "billing", minReplicas: 2 } },
      expected: [],
    },
    {
      name: "the quota applies per namespace: the same applications in two namespaces each fit",
      quota: { limitsCpu: "1" },
      applications: { a: { namespace: "ledger", minReplicas: 2 }, b: { namespace: "billing", minReplicas: 2 } },
      expected: [],
    },
    {
      name: "limits over the quota in each field, decimal memory units",
      quota: { limitsCpu: "1", limitsMemory: "1G" },
      applications: { a: { namespace: "ledger", minReplicas: 3 } },
      expected: [
        "teams.payments.quota.limitsCpu: 1 cannot hold the HPA minimum of the applications in namespace ledger, which need 1500m of limits.cpu (a: 3 × 500m); the API server would refuse their pods (exceeded quota). Raise the quota, or lower those applications' autoscaling.minReplicas or resources.limits.cpu",
        "teams.payments.quota.limitsMemory: 1G cannot hold the HPA minimum of the applications in namespace ledger, which need 1536Mi of limits.memory (a: 3 × 512Mi); the API server would refuse their pods (exceeded quota). Raise the quota, or lower those applications' autoscaling.minReplicas or resources.limits.memory",
      ],
    },
    { name: "a namespace of no team has no quota", quota: { requestsCpu: "0" }, applications: { a: { namespace: "free", minReplicas: 50 } }, expected: [] },
  ])("GIVEN $name WHEN checked THEN $expected.length problems", ({ quota, applications, expected }) => {
    expect(quotaFitProblems(spec(quota, applications)).map((problem) => `${problem.path.join(".")}: ${problem.message}`)).toEqual(expected);
  });

  it("GIVEN two applications whose minimum together passes 1Gi by one pod WHEN the spec is parsed THEN SPEC_INVALID names the quota field and both applications", () => {
    const raw = {
      teams: { payments: { quota: { requestsMemory: "1Gi" } } },
      namespaces: { billing: { team: "payments" } },
      applications: { a: { namespace: "billing", autoscaling: { minReplicas: 2 } }, b: { namespace: "billing", autoscaling: { minReplicas: 3 } } },
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
      "teams.payments.quota.requestsMemory: 1Gi cannot hold the HPA minimum of the applications in namespace billing, which need 1280Mi of requests.memory (a: 2 × 256Mi, b: 3 × 256Mi); the API server would refuse their pods (exceeded quota). Raise the quota, or lower those applications' autoscaling.minReplicas or resources.requests.memory",
    ]);
  });

  it("GIVEN the reference platform WHEN parsed THEN its quota holds its applications", () => {
    expect(quotaFitProblems(parseSpec({}, "test"))).toEqual([]);
  });
});
