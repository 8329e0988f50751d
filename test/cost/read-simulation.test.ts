import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSimulation } from "../../src/cost/read-simulation.js";
import type { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { simulationFixture } from "../support/simulation-fixture.js";

// What `slipway simulate` writes for the reference platform: two samples a minute apart.
const valid = simulationFixture(parseSpec({}, "reference"), { durationSeconds: 60, stepSeconds: 60 });
const firstSample = valid.samples[0]!;

function caught(run: () => unknown): SlipwayError {
  try {
    run();
  } catch (error) {
    return error as SlipwayError;
  }
  throw new Error("expected an error");
}

describe("readSimulation", () => {
  const dir = mkdtempSync(join(tmpdir(), "slipway-cost-load-"));

  it("GIVEN a folder holding simulation.json WHEN read THEN that file is validated and returned with its absolute path", () => {
    const run = join(dir, "run");
    mkdirSync(run);
    writeFileSync(join(run, "simulation.json"), JSON.stringify(valid));
    const loaded = readSimulation("run", dir);
    expect(loaded.file).toBe(join(run, "simulation.json"));
    expect(loaded.simulation).toEqual(valid);
  });

  it.each([
    // what, file content, code, a problem or message part
    ["not JSON", "{ samples: ", "SIMULATION_INVALID", "is not JSON"],
    ["a negative node count", JSON.stringify({ ...valid, samples: [{ ...firstSample, nodes: [{ ...firstSample.nodes[0], count: -1 }] }] }), "SIMULATION_INVALID", "samples.0.nodes.0.count: "],
    ["an unknown field", JSON.stringify({ ...valid, extra: true }), "SIMULATION_INVALID", "(root): "],
    ["another schema version", JSON.stringify({ ...valid, schemaVersion: 2 }), "SIMULATION_INVALID", "schemaVersion: "],
    ["a capacity type that is not spot or on-demand", JSON.stringify({ ...valid, samples: [{ ...firstSample, nodes: [{ ...firstSample.nodes[0], capacityType: "reserved" }] }] }), "SIMULATION_INVALID", "samples.0.nodes.0.capacityType: "],
  ])("GIVEN a file with %s WHEN read THEN %s names the file and the field", (what, content, code, part) => {
    const file = join(dir, `${what.replace(/[^a-z]+/g, "-")}.json`);
    writeFileSync(file, content);
    const error = caught(() => readSimulation(file, "/"));
    expect(error.code).toBe(code);
    expect(error.where).toBe(file);
    expect([error.message, ...error.problems].join("\n")).toContain(part);
  });

  it("GIVEN a path that does not exist WHEN read THEN INPUT_UNREADABLE names it and says what to pass", () => {
    const error = caught(() => readSimulation("missing/simulation.json", dir));
    expect(error.code).toBe("INPUT_UNREADABLE");
    expect(error.where).toBe(join(dir, "missing", "simulation.json"));
    expect(error.fix).toContain("slipway simulate --out DIR");
  });
});
