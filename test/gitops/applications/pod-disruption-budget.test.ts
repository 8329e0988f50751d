import { describe, expect, it } from "vitest";
import { podDisruptionBudget } from "../../../src/gitops/applications/pod-disruption-budget.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("podDisruptionBudget", () => {
  it.each([
    { minAvailable: undefined, expected: "50%" },
    { minAvailable: 2, expected: 2 },
    { minAvailable: "60%", expected: "60%" },
  ])("GIVEN minAvailable $minAvailable WHEN built THEN the budget keeps $expected of the app's pods", ({ minAvailable, expected }) => {
    const spec = parseSpec({ applications: { web: { namespace: "production", ...(minAvailable === undefined ? {} : { minAvailable }) } } }, "test");
    expect(podDisruptionBudget("web", spec.applications.web!)).toEqual({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web", namespace: "production", labels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/managed-by": "slipway" } },
      spec: { minAvailable: expected, selector: { matchLabels: { "app.kubernetes.io/name": "web" } }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
    });
  });
});
