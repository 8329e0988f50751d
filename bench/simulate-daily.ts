/**
 * The one-hour daily-wave simulation of the reference platform at ×20 (3 wall minutes):
 * times bringing up the simulation cluster and the run, and prints what the controllers
 * did (peak replicas, Karpenter nodes by capacity type, $/h) for docs/simulate.md.
 *
 *   npx tsx bench/simulate-daily.ts [--speed N] [--charts DIR]   (default ×20; charts found as `up` finds them)
 *
 * The simulation cluster (`production-cluster-simulate`) is removed at the end; the file is
 * written to a temporary folder, whose path is printed.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBinaries } from "../src/local/binaries.js";
import { parseSpec } from "../src/platform-spec/load.js";
import { patternCurve } from "../src/simulate/load-curve.js";
import type { SimulationSample } from "../src/simulate/simulation-result.js";
import { simulate } from "../src/simulate/simulation-run.js";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const option = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const speed = Number(option("--speed") ?? 20);
const charts = option("--charts");
const print = (line: string) => process.stdout.write(`${line}\n`);
const spec = parseSpec({}, "bench/simulate-daily.ts");
const out = mkdtempSync(join(tmpdir(), "slipway-bench-simulate-"));

await ensureBinaries({ onProgress: print });
const started = Date.now();
const run = await simulate({
  spec,
  curve: patternCurve(spec, "daily", 3600),
  speed,
  outDirectory: out,
  crdFolders: [resolve(repoRoot, "..", "shared", "crds")],
  ...(charts !== undefined ? { charts } : {}),
  onProgress: print,
});
const total = (Date.now() - started) / 1000;
const { samples } = run.result;
const count = (sample: SimulationSample, filter: (group: SimulationSample["nodes"][number]) => boolean) => sample.nodes.filter(filter).reduce((sum, group) => sum + group.count, 0);
const peakBy = <T>(values: readonly T[], key: (value: T) => number) => values.reduce((best, value) => (key(value) > key(best) ? value : best));
const peakReplicas = peakBy(samples, (sample) => sample.replicas["api-server"] ?? 0);
const peakNodes = peakBy(samples, (sample) => count(sample, (group) => group.managedBy === "karpenter"));
const averageDollars = samples.reduce((sum, sample) => sum + sample.dollarsPerHour, 0) / samples.length;
const pendingMax = Math.max(...samples.map((sample) => sample.pendingPods));
print("");
print(`file: ${run.file}`);
print(`up --local for the simulation (server-side apply, ${run.up.addons.length} add-ons rendered from ${charts ?? "the chart cache"}): ${run.up.seconds}s`);
print(`curve: ${run.result.durationSeconds}s simulated in ${run.result.wallSeconds}s wall (×${speed}); ${samples.length} samples; whole command ${total.toFixed(1)}s`);
print(`api-server: ${samples[0]!.replicas["api-server"]} ready at t=0, peak ${peakReplicas.replicas["api-server"]} (desired ${peakReplicas.desiredReplicas["api-server"]}) at t=${peakReplicas.t}s, ${samples.at(-1)!.replicas["api-server"]} at the end`);
print(`Karpenter nodes: peak ${count(peakNodes, (group) => group.managedBy === "karpenter")} (${count(peakNodes, (group) => group.managedBy === "karpenter" && group.capacityType === "spot")} spot) at t=${peakNodes.t}s, ${count(samples.at(-1)!, (group) => group.managedBy === "karpenter")} at the end; most pending pods ${pendingMax}`);
print(`$/h: start ${samples[0]!.dollarsPerHour.toFixed(3)}, peak ${Math.max(...samples.map((sample) => sample.dollarsPerHour)).toFixed(3)}, end ${samples.at(-1)!.dollarsPerHour.toFixed(3)}, average ${averageDollars.toFixed(3)}`);
print(`series (t: rps ready/desired karpenter-nodes $/h): ${samples.map((sample) => `${sample.t}:${Math.round(sample.requestsPerSecond["api-server"] ?? 0)} ${sample.replicas["api-server"]}/${sample.desiredReplicas["api-server"]} ${count(sample, (group) => group.managedBy === "karpenter")} ${sample.dollarsPerHour.toFixed(2)}`).join(", ")}`);
