/**
 * Synthesis time of the reference platform's AWS side: Slipway versus an equivalent EKS
 * Blueprints (npm @aws-quickstart/eks-blueprints) blueprint, in the same run.
 *
 *   npm run build && npx tsx bench/synth-vs-eks-blueprints.ts [iterations]   (default 10)
 *
 * EKS Blueprints pins aws-cdk-lib exactly (peer 2.261.0; Slipway uses 2.276), so it is
 * installed apart in bench/eks-blueprints/ (own package.json, git-ignored node_modules);
 * this script installs it there on first run. The blueprint (bench/eks-blueprints/
 * blueprint-app.mjs) has what synthesizes offline and matches the reference platform:
 * VPC, EKS 1.35 with the same endpoint and logging, managed node groups system and
 * application with launch templates, the managed add-ons VPC CNI, CoreDNS, kube-proxy,
 * EBS CSI and Pod Identity agent at Slipway's pinned versions, and AWS Load Balancer
 * Controller, Karpenter, External Secrets, cert-manager, Metrics Server and Argo CD.
 *
 * Two measures, the sides interleaved so a busy machine slows both alike:
 * - cold: one new `node` process per synthesis running each side's CDK app entry as
 *   `cdk synth` would (Slipway: dist/cdk/cdk-app.js; Blueprints: blueprint-app.mjs),
 *   library loading included;
 * - warm: build and synthesize in this process after one warm-up.
 * Slipway is measured with and without its cdk-nag pass (Blueprints runs none). Each
 * measure reports wall time (the figure asked for) and CPU time (user + system of the
 * synthesizing process), which a machine busy with other work does not inflate.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { parseSpec } from "../src/platform-spec/load.js";
import { synthesizeInfrastructure } from "../src/cdk/synthesize-infrastructure.js";
import { EKS_ADDONS } from "../src/versions.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const blueprintsFolder = join(repoRoot, "bench", "eks-blueprints");
const blueprintApp = join(blueprintsFolder, "blueprint-app.mjs");
const slipwayApp = join(repoRoot, "dist", "cdk", "cdk-app.js");
const cpuReporter = join(repoRoot, "bench", "report-cpu-time.mjs");
const pinned = EKS_ADDONS.versions["1.35"];

type Side = "slipway" | "slipwayWithoutNag" | "blueprint";
const LABELS: Record<Side, string> = { slipway: "slipway (with cdk-nag)", slipwayWithoutNag: "slipway (without cdk-nag)", blueprint: "eks-blueprints" };

function prepare(): void {
  if (!existsSync(slipwayApp)) throw new Error("dist/cdk/cdk-app.js is missing: run `npm run build` first");
  if (existsSync(join(blueprintsFolder, "node_modules", "@aws-quickstart", "eks-blueprints"))) return;
  process.stderr.write("installing @aws-quickstart/eks-blueprints into bench/eks-blueprints (once)...\n");
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: blueprintsFolder, stdio: "inherit" });
}

function withOutdir<T>(run: (outdir: string) => T): T {
  const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
  try {
    return run(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

interface Measure {
  readonly wall: number;
  readonly cpu: number;
}

function cold(side: Side): Measure {
  return withOutdir((outdir) => {
    const script = side === "blueprint" ? blueprintApp : slipwayApp;
    const context = side === "slipwayWithoutNag" ? { "slipway:nagChecks": "false" } : {};
    const cpuFile = join(outdir, "cpu-time");
    const start = performance.now();
    execFileSync(process.execPath, ["--import", pathToFileURL(cpuReporter).href, script], {
      cwd: outdir, // no slipway.config.ts there: the reference platform
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, CDK_OUTDIR: join(outdir, "cdk.out"), CDK_CONTEXT_JSON: JSON.stringify(context), PINNED_ADDONS: JSON.stringify(pinned), BENCH_CPU_FILE: cpuFile },
    });
    return { wall: performance.now() - start, cpu: Number(readFileSync(cpuFile, "utf8")) };
  });
}

async function warm(side: Side): Promise<Measure> {
  const { synthesizeBlueprint } = (await import(pathToFileURL(blueprintApp).href)) as { synthesizeBlueprint: (outdir: string, versions: object) => Promise<void> };
  const spec = parseSpec({}, "the reference platform");
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  if (side === "blueprint") {
    const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
    await synthesizeBlueprint(outdir, pinned);
    rmSync(outdir, { recursive: true, force: true });
  } else {
    synthesizeInfrastructure(spec, { nagChecks: side === "slipway" });
  }
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function benchmark(iterations: number): Promise<void> {
  prepare();
  const sides: Side[] = ["slipway", "slipwayWithoutNag", "blueprint"];
  const coldTimes: Record<Side, Measure[]> = { slipway: [], slipwayWithoutNag: [], blueprint: [] };
  for (let index = 0; index < iterations; index++) for (const side of sides) coldTimes[side].push(cold(side));
  for (const side of sides) await warm(side);
  const warmTimes: Record<Side, Measure[]> = { slipway: [], slipwayWithoutNag: [], blueprint: [] };
  for (let index = 0; index < iterations; index++) for (const side of sides) warmTimes[side].push(await warm(side));

  const report = (title: string, times: Record<Side, Measure[]>) => {
    const lines = [`${title}`];
    for (const side of sides) {
      const wall = times[side].map((measure) => measure.wall);
      const cpu = times[side].map((measure) => measure.cpu);
      lines.push(
        `  ${LABELS[side].padEnd(27)} wall median ${median(wall).toFixed(0).padStart(6)} ms [${wall.map((value) => value.toFixed(0)).join(", ")}]   cpu median ${median(cpu).toFixed(0).padStart(6)} ms`,
      );
    }
    const ratio = (side: Side, of: keyof Measure) => (median(times.blueprint.map((measure) => measure[of])) / median(times[side].map((measure) => measure[of]))).toFixed(1);
    lines.push(`  wall-time ratio eks-blueprints / slipway: ${ratio("slipway", "wall")}x with cdk-nag, ${ratio("slipwayWithoutNag", "wall")}x without`);
    lines.push(`  cpu-time ratio  eks-blueprints / slipway: ${ratio("slipway", "cpu")}x with cdk-nag, ${ratio("slipwayWithoutNag", "cpu")}x without`);
    return lines.join("\n") + "\n";
  };
  process.stdout.write(`iterations: ${iterations} per side and measure, interleaved\n`);
  process.stdout.write(report("cold (new node process per synthesis, libraries loaded):", coldTimes));
  process.stdout.write(report("warm (in process, after one warm-up):", warmTimes));
}

await benchmark(Number(process.argv[2] ?? 10));
// The in-process (warm) syntheses leave work behind: on 2026-11-30 the process kept one core
// half busy for 16 minutes after printing its report. The figures are out: end here.
process.exit(0);
