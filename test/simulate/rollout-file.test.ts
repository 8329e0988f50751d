import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { renderRolloutTimeline, writeRolloutTimeline } from "../../src/simulate/rollout-file.js";
import { rolloutTimeline, type RolloutTimeline } from "../../src/simulate/rollout-timeline.js";
import { ABORTED } from "./rollout-fixtures.js";

describe("rollout.json and rollout.txt", () => {
  it("GIVEN a timeline WHEN written THEN rollout.json parses back to it with the schema and rollout.txt is its summary; no temporary file is left", async () => {
    const directory = join(mkdtempSync(join(tmpdir(), "slipway-rollout-file-")), "new");
    const files = await writeRolloutTimeline(directory, ABORTED);
    expect(rolloutTimeline.parse(JSON.parse(readFileSync(files.json, "utf8")))).toEqual(ABORTED);
    expect(readFileSync(files.summary, "utf8")).toContain("aborted: Degraded");
    expect(readdirSync(directory).sort()).toEqual(["rollout.json", "rollout.txt"]);
  });

  it.each([
    ["an unknown outcome", { outcome: "Paused" }, "outcome"],
    ["a negative duration", { durationSeconds: -1 }, "durationSeconds"],
    ["a success rate above 1", { servedSuccessRate: 1.5 }, "servedSuccessRate"],
    ["a field the schema does not have", { extra: true }, "(root)"],
  ])("GIVEN a timeline with %s WHEN rendered THEN it is refused naming the field", (_, change, field) => {
    try {
      renderRolloutTimeline({ ...ABORTED, ...change } as unknown as RolloutTimeline);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).problems.join("\n")).toContain(field);
    }
  });

  it("GIVEN --out is a file WHEN writing THEN OUTPUT_UNWRITABLE", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "slipway-rollout-file-")), "taken");
    writeFileSync(file, "");
    await expect(writeRolloutTimeline(file, ABORTED)).rejects.toThrow(SlipwayError);
  });
});
