import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { nodeSeries, replicaSeries, simulationCharts, timeScale } from "../../src/report/simulation-charts.js";
import { simulationResult, type SimulationResult } from "../../src/simulate/simulation-result.js";
import { simulationFixture } from "../support/simulation-fixture.js";

const base = simulationFixture(parseSpec({}, "reference"), { durationSeconds: 600, stepSeconds: 300 });

function withSamples(samples: SimulationResult["samples"]): SimulationResult {
  return simulationResult.parse({ ...base, samples });
}

const sample = (t: number, replicas: Record<string, number>, nodes: SimulationResult["samples"][number]["nodes"], dollarsPerHour = 1) => ({ t, requestsPerSecond: {}, replicas, desiredReplicas: replicas, pendingPods: 0, nodes, dollarsPerHour });

describe("simulation series", () => {
  it("GIVEN nodes of several pools WHEN grouped THEN counts add up per launcher and capacity type, series that never have a node are left out", () => {
    const simulation = withSamples([
      sample(0, {}, [
        { pool: "system", managedBy: "node-group", capacityType: "on-demand", instanceType: "m6i.large", count: 2 },
        { pool: "application", managedBy: "node-group", capacityType: "on-demand", instanceType: "c6i.xlarge", count: 3 },
        { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.large", count: 0 },
      ]),
      sample(120, {}, [
        { pool: "system", managedBy: "node-group", capacityType: "on-demand", instanceType: "m6i.large", count: 2 },
        { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.large", count: 4 },
        { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "m6i.large", count: 1 },
      ]),
    ]);
    expect(nodeSeries(simulation, 60)).toEqual([
      { name: "Karpenter spot", points: [{ x: 0, y: 0 }, { x: 2, y: 5 }] },
      { name: "node groups on-demand", points: [{ x: 0, y: 5 }, { x: 2, y: 2 }] },
    ]);
  });

  it("GIVEN an application missing from a sample WHEN plotted THEN it has no point there rather than a false zero", () => {
    const simulation = withSamples([sample(0, { api: 3 }, []), sample(60, { api: 4, web: 2 }, []), sample(120, { web: 5 }, [])]);
    expect(replicaSeries(simulation, 60)).toEqual([
      { name: "api", points: [{ x: 0, y: 3 }, { x: 1, y: 4 }] },
      { name: "web", points: [{ x: 1, y: 2 }, { x: 2, y: 5 }] },
    ]);
  });

  it.each([
    [3600, 60, "simulated time (minutes)"],
    [3 * 3600, 60, "simulated time (minutes)"],
    [24 * 3600, 3600, "simulated time (hours)"],
  ])("GIVEN %s simulated seconds WHEN scaled THEN the axis divides by %s: %s", (duration, divisor, label) => {
    expect(timeScale(duration)).toEqual({ divisor, label });
  });
});

describe("simulationCharts", () => {
  it("GIVEN a simulation WHEN charted THEN there are the three plots with their units, and samples out of order are drawn in time order", () => {
    const charts = simulationCharts(withSamples([sample(120, { api: 5 }, [], 2), sample(0, { api: 3 }, [], 1), sample(60, { api: 4 }, [], 1.5)]));
    expect(charts.replicas.text).toContain("replicas (pods)");
    expect(charts.nodes.text).toContain(">nodes</text>");
    expect(charts.cost.text).toContain("USD per hour");
    expect(charts.cost.text).toContain("$2.00");
    const path = /data-series="api" d="([^"]+)"/.exec(charts.replicas.text)![1]!;
    const xs = [...path.matchAll(/[ML]([0-9.]+) /g)].map((match) => Number(match[1]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
});
