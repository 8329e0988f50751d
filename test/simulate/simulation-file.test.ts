import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { renderSimulationResult, writeSimulationResult } from "../../src/simulate/simulation-file.js";
import { simulationResult, type SimulationResult } from "../../src/simulate/simulation-result.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { simulationFixture } from "../support/simulation-fixture.js";

// What `slipway simulate` writes for the reference platform over ten minutes.
const result: SimulationResult = simulationFixture(parseSpec({}, "reference"), { durationSeconds: 600, stepSeconds: 60 });

describe("writeSimulationResult", () => {
  it("GIVEN a valid result WHEN written into a new folder THEN simulation.json holds it, parses against the schema, and no temporary file is left", async () => {
    const directory = join(mkdtempSync(join(tmpdir(), "slipway-simulation-")), "out", "run");
    const file = await writeSimulationResult(directory, result);
    expect(file).toBe(join(directory, "simulation.json"));
    expect(simulationResult.parse(JSON.parse(readFileSync(file, "utf8")))).toEqual(result);
    expect(readdirSync(directory)).toEqual(["simulation.json"]);
  });

  it("GIVEN a result that breaks the schema WHEN written THEN nothing is written and the previous file stays", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-simulation-"));
    writeFileSync(join(directory, "simulation.json"), "previous");
    const broken = { ...result, samples: [{ ...result.samples[0]!, pendingPods: -1 }] };
    await expect(writeSimulationResult(directory, broken)).rejects.toThrow(SlipwayError);
    await expect(writeSimulationResult(directory, broken)).rejects.toThrow(/does not match the simulation.json schema/);
    expect(readFileSync(join(directory, "simulation.json"), "utf8")).toBe("previous");
    expect(readdirSync(directory)).toEqual(["simulation.json"]);
  });

  it("GIVEN an --out that is a file WHEN written THEN it fails with OUTPUT_UNWRITABLE", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-simulation-"));
    writeFileSync(join(directory, "file"), "");
    await expect(writeSimulationResult(join(directory, "file"), result)).rejects.toMatchObject({ code: "OUTPUT_UNWRITABLE" });
    expect(existsSync(join(directory, "file", "simulation.json"))).toBe(false);
  });

  it("GIVEN a result WHEN rendered twice THEN the text is the same (deterministic)", () => {
    expect(renderSimulationResult(result)).toBe(renderSimulationResult(structuredClone(result)));
  });
});
