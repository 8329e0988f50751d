/**
 * An application's initial replicas lie within its HPA range, and its PodDisruptionBudget
 * lets a pod be evicted when the HPA runs minReplicas; refused at the field with the fix.
 */
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { defaultMinAvailable, desiredHealthyPods } from "../../src/platform-spec/application-replicas.js";
import { specProblems } from "../support/spec-problems.js";

function problemsOf(application: Record<string, unknown>): readonly string[] {
  return specProblems({ applications: { web: { namespace: "production", ...application } } });
}

describe("GIVEN an application's replicas and its HPA range", () => {
  it.each([
    { name: "replicas below minReplicas", application: { replicas: 2, autoscaling: { minReplicas: 3, maxReplicas: 50 } }, value: 2, within: "3 and 50" },
    { name: "replicas above maxReplicas", application: { replicas: 60 }, value: 60, within: "3 and 50" },
  ])("WHEN $name THEN SPEC_INVALID names applications.web.replicas, the range and the fix", ({ application, value, within }) => {
    expect(problemsOf(application)).toEqual([
      `applications.web.replicas: ${value} is outside autoscaling.minReplicas (3) to autoscaling.maxReplicas (50): the HPA moves the Rollout into that range on its first sync, so the first rollout starts at a size that is undone at once; set replicas between ${within}`,
    ]);
  });

  it.each([
    { autoscaling: { minReplicas: 2, maxReplicas: 6 }, replicas: 6 },
    { autoscaling: { minReplicas: 20, maxReplicas: 40 }, replicas: 20 },
    { autoscaling: {}, replicas: 10 },
  ])("WHEN replicas is not set and the range is $autoscaling THEN it starts at 10 moved into the range ($replicas)", ({ autoscaling, replicas }) => {
    const spec = parseSpec({ applications: { web: { namespace: "production", autoscaling, minAvailable: 1 } } }, "test");
    expect(spec.applications.web?.replicas).toBe(replicas);
  });

  it("WHEN minReplicas > maxReplicas THEN only maxReplicas is reported (the range is not judged)", () => {
    expect(problemsOf({ replicas: 5, autoscaling: { minReplicas: 8, maxReplicas: 4 } })).toEqual(["applications.web.autoscaling.maxReplicas: must be >= minReplicas (8)"]);
  });

  it.each([
    { minReplicas: 0, minAvailable: undefined },
    { minReplicas: 0, minAvailable: 2 },
    { minReplicas: -1, minAvailable: "50%" },
  ])("WHEN minReplicas is $minReplicas (refused) and minAvailable is $minAvailable THEN only minReplicas is reported, not a budget to lower below it", ({ minReplicas, minAvailable }) => {
    expect(problemsOf({ autoscaling: { minReplicas, maxReplicas: 5 }, ...(minAvailable === undefined ? {} : { minAvailable }) })).toEqual(["applications.web.autoscaling.minReplicas: must be >= 1"]);
  });
});

describe("GIVEN an application's PodDisruptionBudget minAvailable", () => {
  const blocked = (given: string, fix: string) =>
    `applications.web.minAvailable: ${given} must stay available, but the HPA may run only autoscaling.minReplicas (3): the PodDisruptionBudget then allows no eviction, so node drains, upgrades and Karpenter consolidation hang on this application's nodes. ${fix}`;
  const lower = "Lower it below 3 (such as 2), or use a percentage such as 50%";

  it.each([
    { minAvailable: 3, expected: [blocked("3 pods", lower)] },
    { minAvailable: 5, expected: [blocked("5 pods", lower)] },
    { minAvailable: "100%", expected: [blocked("100% of 3 pods, rounded up to 3,", lower)] },
    // The disruption controller rounds a percentage up: 67% of 3 pods is 3.
    { minAvailable: "67%", expected: [blocked("67% of 3 pods, rounded up to 3,", lower)] },
    { minAvailable: "66%", expected: [] },
    { minAvailable: 2, expected: [] },
    { minAvailable: "50%", expected: [] },
  ])("WHEN it is $minAvailable with minReplicas 3 THEN the problems are $expected", ({ minAvailable, expected }) => {
    expect(problemsOf({ minAvailable })).toEqual(expected);
  });

  it("WHEN minReplicas is 1 and minAvailable is not set THEN the default is 0%, not the 50% that would block (a default is never a spec error)", () => {
    expect(problemsOf({ autoscaling: { minReplicas: 1, maxReplicas: 5 } })).toEqual([]);
    expect(parseSpec({ applications: { web: { namespace: "production", autoscaling: { minReplicas: 1, maxReplicas: 5 } } } }, "test").applications.web?.minAvailable).toBe("0%");
    expect(parseSpec({ applications: { web: { namespace: "production", autoscaling: { minReplicas: 2, maxReplicas: 5 } } } }, "test").applications.web?.minAvailable).toBe("50%");
  });

  it("WHEN minAvailable is not set THEN its default lets a pod go at every minReplicas, so only a written value is judged", () => {
    for (let minReplicas = 1; minReplicas <= 1000; minReplicas++) {
      expect(desiredHealthyPods(defaultMinAvailable({ minReplicas }), minReplicas), `minReplicas ${minReplicas}`).toBeLessThan(minReplicas);
    }
    // An application with another problem skips the object's default: the budget is still not judged.
    const problems = problemsOf({ autoscaling: { minReplicas: 2, maxReplicas: 5 }, image: "Not An Image" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^applications\.web\.image: /);
  });

  it("WHEN minReplicas is 1 THEN any budget but 0% blocks, and the fix says to raise minReplicas or use 0%", () => {
    expect(problemsOf({ autoscaling: { minReplicas: 1, maxReplicas: 5 }, minAvailable: "50%" })).toEqual([
      "applications.web.minAvailable: 50% of 1 pods, rounded up to 1, must stay available, but the HPA may run only autoscaling.minReplicas (1): the PodDisruptionBudget then allows no eviction, so node drains, upgrades and Karpenter consolidation hang on this application's nodes. Raise autoscaling.minReplicas to 2 or more, or set minAvailable to 0%",
    ]);
    expect(problemsOf({ autoscaling: { minReplicas: 1, maxReplicas: 5 }, minAvailable: "0%" })).toEqual([]);
  });

  it.each([
    [2, 3, 2],
    ["50%", 3, 2],
    ["0%", 1, 0],
    ["100%", 7, 7],
  ] as const)("WHEN minAvailable is %j of %i pods THEN the disruption controller keeps %i healthy", (minAvailable, expected, healthy) => {
    expect(desiredHealthyPods(minAvailable, expected)).toBe(healthy);
  });
});
