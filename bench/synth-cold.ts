/**
 * Cold `slipway synth` of the reference platform: one new `node dist/cli/main.js synth`
 * process per run, as users run it, with the AWS side synthesized on a worker thread
 * (the default) and on the main thread (`SLIPWAY_SYNTH_WORKER=0`, how synth ran before),
 * interleaved so a busy machine slows both alike.
 *
 *   npm run build && npx tsx bench/synth-cold.ts [iterations]        (default 7)
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

const MODES = { worker: "1", "main thread": "0" } as const;
type Mode = keyof typeof MODES;

function run(mode: Mode, profileDirectory?: string): { wall: number; cpu: number } {
  const directory = mkdtempSync(join(tmpdir(), "bench-synth-cold-"));
  try {
    const cpuFile = join(directory, "cpu");
    const args = [
      "--import",
      pathToFileURL(cpuReporter).href,
      ...(profileDirectory ? ["--cpu-prof", "--cpu-prof-dir", join(profileDirectory, mode.replace(" ", "-"))] : []),
      cli,
      "synth",
      "--out",
      join(directory, "out"),
      ...(existsSync(sharedCharts) ? ["--charts", sharedCharts] : []),
    ];
    const start = performance.now();
    execFileSync(process.execPath, args, { cwd: directory, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, SLIPWAY_SYNTH_WORKER: MODES[mode], BENCH_CPU_FILE: cpuFile } });
    return { wall: performance.now() - start, cpu: Number(readFileSync(cpuFile, "utf8")) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const format = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms`;
};

if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
const profileAt = process.argv.indexOf("--profile");
if (profileAt >= 0) {
  const directory = process.argv[profileAt + 1] ?? "synth-profiles";
  for (const mode of Object.keys(MODES) as Mode[]) run(mode, directory);
  console.log(`profiles in ${directory}/worker and ${directory}/main-thread (open in Chrome DevTools, Performance)`);
} else {
  const iterations = Number(process.argv[2] ?? 7);
  const results: Record<Mode, { wall: number[]; cpu: number[] }> = { worker: { wall: [], cpu: [] }, "main thread": { wall: [], cpu: [] } };
  run("worker"); // warms the file system cache, not measured
  for (let index = 0; index < iterations; index++) {
    for (const mode of Object.keys(MODES) as Mode[]) {
      const { wall, cpu } = run(mode);
      results[mode].wall.push(wall);
      results[mode].cpu.push(cpu);
    }
  }
  console.log(`cold slipway synth of the reference platform, ${iterations} runs each${existsSync(sharedCharts) ? ", Helm values checked against ../shared/charts" : ""}`);
  for (const mode of Object.keys(MODES) as Mode[]) console.log(`  CDK on the ${mode.padEnd(11)}  wall ${format(results[mode].wall)}; CPU ${format(results[mode].cpu)}`);
}
