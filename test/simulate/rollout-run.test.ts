/**
 * What `slipway simulate rollout` refuses before any cluster starts. The rollout itself, on
 * real controllers, is test/local/simulate-rollout.test.ts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { canarySteps } from "../../src/gitops/applications/rollout.js";
import { assertRolloutOptions, wallSecondsOfPauses } from "../../src/simulate/rollout-run.js";
import { compressTime } from "../../src/simulate/time-compression.js";

const spec = parseSpec({}, "rollout-run.test.ts");
const out = mkdtempSync(join(tmpdir(), "slipway-rollout-run-"));
const base = { application: "api-server", imageTag: "v1.1.0", successRate: 0.97, outDirectory: out };

const refusal = (run: () => void): SlipwayError => {
  try {
    run();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error("not refused");
};

describe("assertRolloutOptions", () => {
  it("GIVEN the reference spec and a new tag WHEN checked THEN it passes", () => {
    expect(() => assertRolloutOptions(spec, base)).not.toThrow();
  });

  it.each([
    ["an application the spec lacks", { application: "web" }, "USAGE", '"web" is not an application of the spec', "api-server"],
    ["the tag already running", { imageTag: "v1.0.0" }, "USAGE", "is the tag api-server already runs", "new tag"],
    ["the mutable tag latest", { imageTag: "latest" }, "USAGE", "is not an immutable image tag", "v1.1.0"],
    ["a tag with a slash", { imageTag: "v1/evil" }, "USAGE", "is not an immutable image tag", "v1.1.0"],
    ["an empty tag", { imageTag: "" }, "USAGE", "is not an immutable image tag", "v1.1.0"],
    ["a success rate above 1", { successRate: 1.01 }, "USAGE", "--success-rate 1.01 is not a share from 0 to 1", "0.97"],
    ["a negative success rate", { successRate: -0.5 }, "USAGE", "is not a share from 0 to 1", "0.97"],
    ["a success rate that is not a number", { successRate: Number.NaN }, "USAGE", "is not a share from 0 to 1", "0.97"],
  ])("GIVEN %s WHEN checked THEN %s names it and the fix", (_, change, code, message, fix) => {
    const error = refusal(() => assertRolloutOptions(spec, { ...base, ...change }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.fix).toContain(fix);
  });

  it("GIVEN a session that already rolled out v1.1.0 WHEN v1.1.0 is asked again THEN it is refused, and the spec's tag is accepted", () => {
    expect(refusal(() => assertRolloutOptions(spec, base, "v1.1.0")).message).toContain("already runs");
    expect(() => assertRolloutOptions(spec, { ...base, imageTag: "v1.0.0" }, "v1.1.0")).not.toThrow();
  });

  it("GIVEN a step that waits for a manual promotion WHEN checked THEN SPEC_INVALID points at the step", () => {
    const manual = parseSpec({ applications: { "api-server": { namespace: "production", canary: { steps: [{ weight: 10, pause: "1m" }, { weight: 50 }] } } } }, "rollout-run.test.ts");
    const error = refusal(() => assertRolloutOptions(manual, base));
    expect(error.code).toBe("SPEC_INVALID");
    expect(error.where).toBe("applications.api-server.canary.steps[1].pause");
  });

  it("GIVEN --out is a file WHEN checked THEN OUTPUT_UNWRITABLE before anything starts", () => {
    const file = join(out, "taken");
    writeFileSync(file, "");
    expect(refusal(() => assertRolloutOptions(spec, { ...base, outDirectory: file })).code).toBe("OUTPUT_UNWRITABLE");
  });
});

describe("wallSecondsOfPauses", () => {
  it.each([
    // GIVEN the reference's pauses (5m, 10m, 10m, 10m = 35m) at a factor   THEN wall seconds
    [1, 2100],
    [20, 105],
    [30, 70],
  ])("GIVEN the reference's steps at ×%s WHEN the applied pauses are summed THEN %s wall seconds", (factor, seconds) => {
    const applied = compressTime(spec, factor).spec.applications["api-server"]!;
    expect(wallSecondsOfPauses(canarySteps(applied))).toBe(seconds);
  });
});
