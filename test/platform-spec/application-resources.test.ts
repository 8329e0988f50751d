/** An application's requests may not exceed its limits: refused at the request, compared exactly. */
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { applicationResourcesProblems } from "../../src/platform-spec/application-resources.js";

const resources = (requestsCpu: string, limitsCpu: string, requestsMemory = "256Mi", limitsMemory = "512Mi") => ({
  requests: { cpu: requestsCpu, memory: requestsMemory },
  limits: { cpu: limitsCpu, memory: limitsMemory },
});

describe("applicationResourcesProblems", () => {
  it.each([
    { name: "the reference sizes", resources: resources("250m", "500m"), expected: [] },
    { name: "requests equal to limits in other spellings", resources: resources("1", "1000m", "1Gi", "1024Mi"), expected: [] },
    {
      name: "a CPU request one millicore over",
      resources: resources("501m", "0.5"),
      expected: ["applications.web.resources.requests.cpu: 501m is more than the cpu limit (500m); the API server refuses a pod whose requests exceed its limits. Lower resources.requests.cpu or raise resources.limits.cpu"],
    },
    {
      name: "1G of memory against a 1Mi-smaller binary limit, and CPU too",
      resources: resources("2", "1", "1Gi", "1023Mi"),
      expected: [
        "applications.web.resources.requests.cpu: 2 is more than the cpu limit (1); the API server refuses a pod whose requests exceed its limits. Lower resources.requests.cpu or raise resources.limits.cpu",
        "applications.web.resources.requests.memory: 1Gi is more than the memory limit (1023Mi); the API server refuses a pod whose requests exceed its limits. Lower resources.requests.memory or raise resources.limits.memory",
      ],
    },
  ])("GIVEN $name WHEN checked THEN $expected.length problems", ({ resources: given, expected }) => {
    expect(applicationResourcesProblems("web", given).map((problem) => `${problem.path.join(".")}: ${problem.message}`)).toEqual(expected);
  });

  it("GIVEN a spec whose application requests more memory than its limit WHEN parsed THEN SPEC_INVALID names the request field", () => {
    const raw = { applications: { "api-server": { namespace: "production", resources: resources("250m", "500m", "1Gi", "512Mi") } } };
    let error: unknown;
    try {
      parseSpec(raw, "slipway.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).problems).toEqual([
      "applications.api-server.resources.requests.memory: 1Gi is more than the memory limit (512Mi); the API server refuses a pod whose requests exceed its limits. Lower resources.requests.memory or raise resources.limits.memory",
    ]);
  });
});

describe("GIVEN a request of 0 and the HPA's utilization targets", () => {
  const targets = (cpuUtilization: number | null, memoryUtilization: number | null) => ({ cpuUtilization, memoryUtilization });
  it.each([
    { name: "cpu 0 with a CPU target", given: resources("0", "500m"), autoscaling: targets(70, 80), expected: ["applications.web.resources.requests.cpu: is 0 while autoscaling.cpuUtilization is 70%: the HPA measures utilization as a percentage of the request and cannot with 0, so it would never scale on cpu. Request more than 0, or set autoscaling.cpuUtilization: null"] },
    { name: "memory 0Gi (0 in another unit) with a memory target", given: resources("250m", "500m", "0Gi"), autoscaling: targets(70, 80), expected: ["applications.web.resources.requests.memory: is 0 while autoscaling.memoryUtilization is 80%: the HPA measures utilization as a percentage of the request and cannot with 0, so it would never scale on memory. Request more than 0, or set autoscaling.memoryUtilization: null"] },
    { name: "cpu 0 with the CPU target turned off", given: resources("0", "500m"), autoscaling: targets(null, 80), expected: [] },
    { name: "the smallest request, 1n (the HPA rounds it up to 1m)", given: resources("1n", "500m"), autoscaling: targets(70, 80), expected: [] },
  ])("WHEN $name THEN $expected.length problems", ({ given, autoscaling, expected }) => {
    expect(applicationResourcesProblems("web", given, autoscaling).map((problem) => `${problem.path.join(".")}: ${problem.message}`)).toEqual(expected);
  });

  it("WHEN a spec requests 0 CPU with the default CPU target THEN SPEC_INVALID names the request", () => {
    expect(() => parseSpec({ applications: { "api-server": { namespace: "production", resources: resources("0", "500m") } } }, "test")).toThrow(
      expect.objectContaining({ code: "SPEC_INVALID", problems: [expect.stringMatching(/^applications\.api-server\.resources\.requests\.cpu: is 0 while autoscaling\.cpuUtilization is 70%/)] }),
    );
  });
});
