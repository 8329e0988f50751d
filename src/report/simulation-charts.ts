/**
 * The three plots of a simulation: replicas per application, nodes by who launched them
 * and capacity type (stacked), and USD per hour, all against simulated time.
 */
import type { SimulationResult } from "../simulate/simulation-result.js";
import { lineChart, type ChartSeries } from "./line-chart.js";
import type { Markup } from "./markup.js";

export interface SimulationCharts {
  readonly replicas: Markup;
  readonly nodes: Markup;
  readonly cost: Markup;
}

/** Minutes up to three hours of simulated time, hours beyond: ticks stay readable either way. */
export function timeScale(durationSeconds: number): { readonly divisor: number; readonly label: string } {
  return durationSeconds <= 3 * 3600 ? { divisor: 60, label: "simulated time (minutes)" } : { divisor: 3600, label: "simulated time (hours)" };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Series of node counts, one per launcher and capacity type that has a node at some instant. */
export function nodeSeries(simulation: SimulationResult, divisor: number): ChartSeries[] {
  const keys = new Set<string>();
  for (const sample of simulation.samples) for (const node of sample.nodes) if (node.count > 0) keys.add(`${node.managedBy === "karpenter" ? "Karpenter" : "node groups"} ${node.capacityType}`);
  return [...keys].sort(compare).map((name) => ({
    name,
    points: simulation.samples.map((sample) => ({
      x: sample.t / divisor,
      y: sample.nodes.filter((node) => `${node.managedBy === "karpenter" ? "Karpenter" : "node groups"} ${node.capacityType}` === name).reduce((sum, node) => sum + node.count, 0),
    })),
  }));
}

export function replicaSeries(simulation: SimulationResult, divisor: number): ChartSeries[] {
  const applications = new Set<string>();
  for (const sample of simulation.samples) for (const name of Object.keys(sample.replicas)) applications.add(name);
  return [...applications].sort(compare).map((name) => ({
    name,
    // An application missing from a sample has no point there, rather than a false zero.
    points: simulation.samples.flatMap((sample) => (Object.hasOwn(sample.replicas, name) ? [{ x: sample.t / divisor, y: sample.replicas[name]! }] : [])),
  }));
}

export function simulationCharts(input: SimulationResult): SimulationCharts {
  // The schema does not order samples; lines are drawn left to right.
  const simulation = { ...input, samples: [...input.samples].sort((a, b) => a.t - b.t) };
  const { divisor, label } = timeScale(simulation.durationSeconds);
  return {
    replicas: lineChart({ title: "Ready replicas per application", xLabel: label, yLabel: "replicas (pods)", series: replicaSeries(simulation, divisor) }),
    nodes: lineChart({ title: "Nodes by launcher and capacity type (stacked)", xLabel: label, yLabel: "nodes", series: nodeSeries(simulation, divisor), stacked: true }),
    cost: lineChart({
      title: "Cost of every node",
      xLabel: label,
      yLabel: "USD per hour",
      series: [{ name: "USD per hour", points: simulation.samples.map((sample) => ({ x: sample.t / divisor, y: sample.dollarsPerHour })) }],
      stacked: true,
      formatY: (value) => `$${value.toFixed(2)}`,
    }),
  };
}
