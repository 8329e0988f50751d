import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { simulationSection } from "../../src/report/simulation-section.js";
import { simulationFixture } from "../support/simulation-fixture.js";

describe("simulationSection", () => {
  it("GIVEN no simulation WHEN shown THEN it says how to make one and draws nothing", () => {
    const text = simulationSection(undefined, undefined).text;
    expect(text).toContain("slipway simulate --out DIR");
    expect(text).toContain("--simulation FILE");
    expect(text).not.toContain("<svg");
  });

  it("GIVEN a one-hour simulation at ×20 WHEN shown THEN what was simulated is stated and the three plots follow", () => {
    const simulation = simulationFixture(parseSpec({}, "reference"));
    const text = simulationSection(simulation, "out/simulation.json").text;
    expect(text).toContain("<code>out/simulation.json</code>");
    expect(text).toContain("×20; scaled: HPA sync period");
    expect(text).toContain("60 simulated minutes in 180 wall seconds, 61 samples");
    expect(text).toContain(`$${Math.max(...simulation.samples.map((sample) => sample.dollarsPerHour)).toFixed(2)} per hour`);
    expect(text.match(/<figure class="plot"/g)).toHaveLength(3);
  });

  it("GIVEN a simulation of another platform WHEN shown for this spec THEN a warning says so; of this platform, none", () => {
    const simulation = simulationFixture(parseSpec({}, "reference"), { durationSeconds: 300 });
    expect(simulationSection(simulation, "s.json", "edge").text).toContain("This simulation is of platform production-cluster, not of this spec's cluster edge");
    expect(simulationSection(simulation, "s.json", "production-cluster").text).not.toContain('class="warning"');
  });
});
