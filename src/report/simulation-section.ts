/**
 * The simulation plots with what was simulated (load, time compression, duration, price
 * source), or, without a simulation.json, how to make one.
 */
import type { SimulationResult } from "../simulate/simulation-result.js";
import { formatNumber, html, type Markup } from "./markup.js";
import { simulationCharts } from "./simulation-charts.js";

/** `clusterName`: the spec's; a simulation of another platform is shown with a warning saying so. */
export function simulationSection(simulation: SimulationResult | undefined, source: string | undefined, clusterName?: string): Markup {
  if (simulation === undefined) {
    return html`<section id="simulation"><h2>Simulation</h2><p class="empty">No simulation was given, so there are no plots of replicas, nodes and cost over time. Run <code>slipway simulate --out DIR</code> (the platform on the local cluster under a load curve: real HPA, Karpenter and Argo Rollouts controllers), then <code>slipway report --out DIR</code> picks up <code>DIR/simulation.json</code>, or pass <code>--simulation FILE</code>.</p></section>`;
  }
  const charts = simulationCharts(simulation);
  const peak = simulation.samples.reduce((highest, sample) => Math.max(highest, sample.dollarsPerHour), 0);
  return html`<section id="simulation"><h2>Simulation</h2>${clusterName !== undefined && simulation.platform.name !== clusterName ? html`<p class="warning">This simulation is of platform ${simulation.platform.name}, not of this spec's cluster ${clusterName}: simulate this spec (slipway simulate --config … --out DIR) for plots that match it.</p>` : ""}<dl class="facts"><dt>file</dt><dd><code>${source ?? "simulation.json"}</code></dd><dt>platform</dt><dd>${simulation.platform.name} (${simulation.platform.region})</dd><dt>load</dt><dd>${simulation.load.pattern}${simulation.load.source !== undefined ? html` from <code>${simulation.load.source}</code>` : ""}</dd><dt>time compression</dt><dd>×${simulation.speed.factor}${simulation.speed.scaled.length > 0 ? `; scaled: ${simulation.speed.scaled.join(", ")}` : ""}</dd><dt>duration</dt><dd>${formatNumber(simulation.durationSeconds / 60)} simulated minutes in ${formatNumber(simulation.wallSeconds)} wall seconds, ${simulation.samples.length} samples</dd><dt>prices</dt><dd>${simulation.prices.source}; spot at ${formatNumber(simulation.prices.spotRatio)} of on-demand; peak ${`$${peak.toFixed(2)}`} per hour</dd></dl><figure class="plot" id="plot-replicas">${charts.replicas}</figure><figure class="plot" id="plot-nodes">${charts.nodes}</figure><figure class="plot" id="plot-cost">${charts.cost}</figure></section>`;
}
