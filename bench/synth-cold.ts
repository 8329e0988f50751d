/**
 * Cold `slipway synth` of the reference platform: one new `node dist/cli/main.js synth`
 * process per run, as users run it, with the AWS side synthesized on a worker thread
 * (the default) and on the main thread (`SLIPWAY_SYNTH_WORKER=0`, how synth ran before),
 * interleaved so a busy machine slows both alike.
 *
 *   npm run build && npx tsx bench/synth-cold.ts [iterations]        (default 7)
 *   npx tsx bench/synth-cold.ts [iterations] --baseline DIR           also runs DIR/dist/cli/main.js, a built checkout of
 *                                                                    an earlier commit (git archive <commit> | tar -x -C DIR,
 *                                                                    node_modules linked, npx tsc -p tsconfig.json), as it runs by default
 *   npx tsx bench/synth-cold.ts [iterations] --cdk [--baseline DIR]   the AWS side alone, each run a new process that imports
 *                                                                    dist/cdk/synthesize-infrastructure.js and synthesizes
 *                                                                    (with cdk-nag): CPU of the import, of import + synthesis
 *   npx tsx bench/synth-cold.ts --profile DIR                          one run per mode with node --cpu-prof into DIR
 *
 * Helm values are checked against ../shared/charts when it is there (else the chart
 * cache; whatever the summary line says). Reports wall time (what a user waits) and CPU
 * time of the whole process, worker included (bench/report-cpu-time.mjs), which a
 * machine busy with other work does not inflate; min and median of the runs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const cli = join(repoRoot, "dist", "cli", "main.js");
const cpuReporter = join(repoRoot, "bench", "report-cpu-time.mjs");
const sharedCharts = join(repoRoot, "..", "shared", "charts");

const baselineAt = process.argv.indexOf("--baseline");
const baseline = baselineAt >= 0 ? process.argv[baselineAt + 1] : undefined;

/** Mode → the SLIPWAY_SYNTH_WORKER it runs with ("" leaves the variable unset: the default). */
const MODES: Record<string, string> = { worker: "1", "main thread": "0", ...(baseline ? { baseline: "" } : {}) };
type Mode = string;

function run(mode: Mode, profileDirectory?: string): { wall: number; cpu: number } {
  const directory = mkdtempSync(join(tmpdir(), "bench-synth-cold-"));
  try {
    const cpuFile = join(directory, "cpu");
    const args = [
      "--import",
      pathToFileURL(cpuReporter).href,
      ...(profileDirectory ? ["--cpu-prof", "--cpu-prof-dir", join(profileDirectory, mode.replace(" ", "-"))] : []),
      mode === "baseline" ? join(baseline!, "dist", "cli", "main.js") : cli,
      "synth",
      "--out",
      join(directory, "out"),
      ...(existsSync(sharedCharts) ? ["--charts", sharedCharts] : []),
    ];
    const start = performance.now();
    execFileSync(process.execPath, args, { cwd: directory, stdio: ["ignore", "ignore", "inherit"], env: { ...environmentWithout("SLIPWAY_SYNTH_WORKER"), ...(MODES[mode] ? { SLIPWAY_SYNTH_WORKER: MODES[mode] } : {}), BENCH_CPU_FILE: cpuFile } });
    return { wall: performance.now() - start, cpu: Number(readFileSync(cpuFile, "utf8")) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function environmentWithout(name: string): NodeJS.ProcessEnv {
  const { [name]: _removed, ...rest } = process.env;
  return rest;
}

const format = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms`;
};

/** One new process importing a build's CDK side and synthesizing the reference stack: CPU ms of the import and of both. */
function runCdkSide(root: string): { importCpu: number; totalCpu: number } {
  const script = [
    "const start = process.cpuUsage();",
    `const { synthesizeInfrastructure } = await import(${JSON.stringify(pathToFileURL(join(root, "dist", "cdk", "synthesize-infrastructure.js")).href)});`,
    `const { parseSpec } = await import(${JSON.stringify(pathToFileURL(join(root, "dist", "platform-spec", "load.js")).href)});`,
    "const imported = process.cpuUsage(start);",
    'synthesizeInfrastructure(parseSpec({}, "bench"));',
    "const done = process.cpuUsage(start);",
    "console.log(JSON.stringify({ importCpu: (imported.user + imported.system) / 1000, totalCpu: (done.user + done.system) / 1000 }));",
  ].join("\n");
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as { importCpu: number; totalCpu: number };
}

if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
const profileAt = process.argv.indexOf("--profile");
if (profileAt >= 0) {
  const directory = process.argv[profileAt + 1] ?? "synth-profiles";
  for (const mode of Object.keys(MODES)) run(mode, directory);
  console.log(`profiles in ${directory}/worker and ${directory}/main-thread (open in Chrome DevTools, Performance)`);
} else if (process.argv.includes("--cdk")) {
  const iterations = /^\d+$/.test(process.argv[2] ?? "") ? Number(process.argv[2]) : 7;
  const roots: Record<string, string> = { current: repoRoot, ...(baseline ? { [`baseline ${baseline}`]: baseline } : {}) };
  const results = Object.fromEntries(Object.keys(roots).map((name) => [name, { importCpu: [] as number[], totalCpu: [] as number[] }]));
  for (let index = 0; index < iterations; index++) {
    for (const [name, root] of Object.entries(roots)) {
      const { importCpu, totalCpu } = runCdkSide(root);
      results[name]!.importCpu.push(importCpu);
      results[name]!.totalCpu.push(totalCpu);
    }
  }
  console.log(`the AWS side of the reference platform in a new process, ${iterations} runs each (CPU time)`);
  for (const name of Object.keys(roots)) console.log(`  ${name.padEnd(24)}  import ${format(results[name]!.importCpu)}; import + synthesis with cdk-nag ${format(results[name]!.totalCpu)}`);
} else {
  const iterations = /^\d+$/.test(process.argv[2] ?? "") ? Number(process.argv[2]) : 7;
  const results: Record<Mode, { wall: number[]; cpu: number[] }> = Object.fromEntries(Object.keys(MODES).map((mode) => [mode, { wall: [], cpu: [] }]));
  run("worker"); // warms the file system cache, not measured
  for (let index = 0; index < iterations; index++) {
    for (const mode of Object.keys(MODES)) {
      const { wall, cpu } = run(mode);
      results[mode]!.wall.push(wall);
      results[mode]!.cpu.push(cpu);
    }
  }
  console.log(`cold slipway synth of the reference platform, ${iterations} runs each${existsSync(sharedCharts) ? ", Helm values checked against ../shared/charts" : ""}`);
  for (const mode of Object.keys(MODES)) {
    const label = mode === "baseline" ? `baseline ${baseline}` : `CDK on the ${mode}`;
    console.log(`  ${label.padEnd(24)}  wall ${format(results[mode]!.wall)}; CPU ${format(results[mode]!.cpu)}`);
  }
}
