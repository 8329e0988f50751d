/**
 * Time to build the report of the reference platform with a simulation: a one-hour
 * daily-wave simulation.json at ×20 (test/support/simulation-fixture.ts, valid per the
 * schema) next to the page, as `slipway simulate --out DIR` leaves it.
 *
 *   npm run build && npx tsx bench/report-build.ts [iterations]     (default 5)
 *
 * Two measurements:
 * - cold: one new `node dist/cli/main.js report --out DIR` process per run, as users run
 *   it (start-up, spec, simulation, cost, check, page, write); wall time and the CPU time
 *   of the whole process (bench/report-cpu-time.mjs), which a busy machine does not inflate;
 * - warm, in this process, per phase: architecture and versions, `slipway check` of the
 *   synthesized repository, the cost estimate, and rendering the page (diagram, charts, tables).
 * Min and median of the runs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { estimateCost } from "../src/cost/estimate.js";
import { parseSpec } from "../src/platform-spec/load.js";
import { addonVersions } from "../src/report/addon-versions.js";
import { architectureOf } from "../src/report/architecture.js";
import { checkSynthesizedGitOps } from "../src/report/build-report.js";
import { reportPage } from "../src/report/report-page.js";
import { simulationFixture } from "../test/support/simulation-fixture.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const cli = join(repoRoot, "dist", "cli", "main.js");
const cpuReporter = join(repoRoot, "bench", "report-cpu-time.mjs");
const iterations = Number(process.argv[2] ?? 5);

const spec = parseSpec({}, "reference");
const simulation = simulationFixture(spec, { durationSeconds: 3600, stepSeconds: 15, speed: 20 });

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms`;
}

function cold(): { wall: number; cpu: number; bytes: number } {
  const directory = mkdtempSync(join(tmpdir(), "bench-report-"));
  try {
    writeFileSync(join(directory, "simulation.json"), JSON.stringify(simulation));
    const cpuFile = join(directory, "cpu");
    const start = performance.now();
    execFileSync(process.execPath, ["--import", pathToFileURL(cpuReporter).href, cli, "report", "--out", directory], { cwd: directory, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, BENCH_CPU_FILE: cpuFile } });
    const wall = performance.now() - start;
    return { wall, cpu: Number(readFileSync(cpuFile, "utf8")), bytes: statSync(join(directory, "index.html")).size };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

const runs = Array.from({ length: iterations }, cold);
console.log(`reference platform, ${simulation.samples.length} samples (one hour at 15 s, ×20), ${iterations} runs`);
console.log(`cold \`slipway report\`: wall ${stats(runs.map((run) => run.wall))}; CPU ${stats(runs.map((run) => run.cpu))}; page ${Math.round(runs[0]!.bytes / 1024)} KiB`);

const phases: Record<string, number[]> = { "architecture + versions": [], "slipway check of the repository": [], "cost estimate": [], "page (diagram, charts, tables)": [] };
for (let run = 0; run <= iterations; run++) {
  const architecture = await timed(() => ({ architecture: architectureOf(spec), addons: addonVersions(spec) }));
  const findings = await timed(() => checkSynthesizedGitOps(spec));
  const cost = await timed(() => estimateCost(spec, { simulation }));
  const page = await timed(() =>
    reportPage({ specSource: "the reference platform", slipwayVersion: "bench", ...architecture.value, findings: findings.value, cost: cost.value, simulation: { result: simulation, source: "simulation.json" } }),
  );
  // The first round warms module caches and the JIT; it is not counted.
  if (run === 0) continue;
  phases["architecture + versions"]!.push(architecture.ms);
  phases["slipway check of the repository"]!.push(findings.ms);
  phases["cost estimate"]!.push(cost.ms);
  phases["page (diagram, charts, tables)"]!.push(page.ms);
}
for (const [phase, values] of Object.entries(phases)) console.log(`warm ${phase}: ${stats(values)}`);
