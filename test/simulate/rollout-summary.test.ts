import { describe, expect, it } from "vitest";
import { rolloutSummary } from "../../src/simulate/rollout-summary.js";
import { ABORTED } from "./rollout-fixtures.js";

describe("rolloutSummary", () => {
  it("GIVEN an aborted rollout WHEN summarized THEN steps and measurements are listed in simulated time order, then the outcome and why", () => {
    expect(rolloutSummary(ABORTED)).toBe(
      [
        "rollout of production/api-server: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api-server:v1.0.0 → 123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api-server:v1.1.0",
        "canary pods served 0.97 of 1500 rps successfully; the analysis requires 0.99 (time ×30)",
        "     3s  step 0: setWeight 20% for 18s; pods canary 1, stable 4",
        "    21s  step 1: pause 3m until the end; pods canary 1, stable 4",
        "    21s  analysis api-server-7c9d-2 started (result[0] >= 0.99)",
        "  2m30s    measurement [0.97]: Failed",
        "  3m30s    measurement [0.97]: Failed",
        "  4m30s    measurement [0.97]: Failed",
        'aborted: Degraded after 4m32s simulated, 9s wall; analysis runs: api-server-7c9d-2 Failed; RolloutAborted: Rollout aborted update to revision 2: Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
        "",
      ].join("\n"),
    );
  });

  it("GIVEN a promoted rollout without analysis runs WHEN summarized THEN it says promoted and none", () => {
    const text = rolloutSummary({ ...ABORTED, outcome: "Healthy", analysisRuns: [], message: "" });
    expect(text.trimEnd().split("\n").at(-1)).toBe("promoted: Healthy after 4m32s simulated, 9s wall; analysis runs: none");
  });
});
