/**
 * Benchmark: start-up of `slipway check` on an empty folder, what every check pays before
 * reading a manifest (module loading, the rule registry). Runs of the builds given are
 * interleaved, so a busy machine slows each alike; CPU time (user + system, from
 * report-cpu-time.mjs) is printed beside wall time because it varies less with load.
 *
 * Usage: npx tsc -p . && npx tsx bench/check-start-up.ts [--runs N] [--dist DIR]...
 *   --dist  a build's root (holding dist/cli/main.js) to compare; repeatable; default this repo
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");
const CPU_REPORTER = join(REPO_ROOT, "bench", "report-cpu-time.mjs");

function option(name: string): string[] {
  return process.argv.flatMap((argument, index) => (argument === name && process.argv[index + 1] !== undefined ? [process.argv[index + 1] as string] : []));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const runs = Number(option("--runs")[0] ?? 10) || 10;
const roots = option("--dist").map((root) => resolve(root));
if (roots.length === 0) roots.push(REPO_ROOT);
for (const root of roots) if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error(`no build in ${root}: npx tsc -p .`);

const work = mkdtempSync(join(tmpdir(), "slipway-start-up-"));
const empty = mkdtempSync(join(work, "empty-"));
const cpuFile = join(work, "cpu.txt");
const measured = new Map<string, { wall: number[]; cpu: number[] }>(roots.map((root) => [root, { wall: [], cpu: [] }]));
// One unmeasured run each fills the file system cache.
for (let run = -1; run < runs; run++) {
  for (const root of roots) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["--import", CPU_REPORTER, join(root, "dist", "cli", "main.js"), "check", empty, "--k8s-version", "1.35", "--output", "json"], {
      encoding: "utf8",
      env: { ...process.env, BENCH_CPU_FILE: cpuFile },
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${root}: slipway check exited ${result.status}: ${result.stderr}`);
    if (run < 0) continue;
    measured.get(root)?.wall.push(wall);
    measured.get(root)?.cpu.push(Number(readFileSync(cpuFile, "utf8")));
  }
}
rmSync(work, { recursive: true, force: true });

for (const [root, { wall, cpu }] of measured) {
  process.stdout.write(`${root}: slipway check <empty folder>, median of ${runs}: ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (min ${Math.min(...cpu).toFixed(0)})\n`);
}
process.stdout.write(`${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end, node ${process.version}\n`);
