/**
 * How synthesis grows with the spec: time and memory of `slipway synth`'s in-memory work
 * (spec validation, the GitOps tree, the CDK app with cdk-nag, the workflows) at 10, 100
 * and 300 applications spread over up to 30 teams (bench/scale-spec.ts).
 *
 *   npx tsx bench/synth-scale.ts [iterations]   (default 3; the median is reported)
 *
 * Wall time and CPU time (user + system of this process) are both given: CPU time is
 * what a machine busy with other work does not inflate. Memory is the heap growth and
 * the process's peak resident set after each size. Nothing is written to disk, so the
 * figures are synthesis only (writing 300 applications' files adds a few hundred ms).
 */
import { performance } from "node:perf_hooks";
import { parseSpec } from "../src/platform-spec/load.js";
import { platformNames } from "../src/platform-spec/names.js";
import { synthesizeGitOps } from "../src/gitops/synthesize.js";
import { synthesizeInfrastructure } from "../src/cdk/synthesize-infrastructure.js";
import { githubWorkflows } from "../src/github-actions/github-workflow.js";
import { scaleSpec } from "./scale-spec.js";

const SIZES = [10, 100, 300];
const iterations = Number(process.argv[2] ?? 3);

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly gitopsMs: number;
  readonly infraMs: number;
  readonly files: number;
}

function synthesizeOnce(applications: number): Sample {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const spec = parseSpec(scaleSpec(applications), `scale-${applications}`);
  const gitopsStarted = performance.now();
  const tree = synthesizeGitOps(spec);
  const infraStarted = performance.now();
  synthesizeInfrastructure(spec);
  githubWorkflows(spec, platformNames(spec));
  const ended = performance.now();
  const used = process.cpuUsage(cpu);
  return { wallMs: ended - started, cpuMs: (used.user + used.system) / 1000, gitopsMs: infraStarted - gitopsStarted, infraMs: ended - infraStarted, files: tree.size };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// One warm-up so module loading and JIT are not charged to the smallest size.
synthesizeOnce(10);
const rows: string[] = [];
for (const size of SIZES) {
  const heapBefore = process.memoryUsage().heapUsed;
  const samples = Array.from({ length: iterations }, () => synthesizeOnce(size));
  const heapAfter = process.memoryUsage().heapUsed;
  const pick = (key: keyof Sample) => median(samples.map((sample) => sample[key]));
  rows.push(
    `| ${size} | ${pick("files")} | ${(pick("wallMs") / 1000).toFixed(2)} s | ${(pick("cpuMs") / 1000).toFixed(2)} s | ${(pick("gitopsMs") / 1000).toFixed(2)} s | ${(pick("infraMs") / 1000).toFixed(2)} s | ${Math.round(process.memoryUsage().rss / 1e6)} MB | ${Math.round((heapAfter - heapBefore) / 1e6)} MB |`,
  );
}
process.stdout.write(
  [
    `synthesis at growing spec sizes (median of ${iterations}; load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)})`,
    "",
    "| applications | GitOps files | wall | CPU | GitOps tree | CDK app + nag + workflows | RSS after | heap growth |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n"),
);
