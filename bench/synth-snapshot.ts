/**
 * Can a V8 start-up snapshot make a cold `slipway synth` 3x faster than EKS Blueprints?
 * A measured proof of concept (docs/infrastructure.md, "V8 start-up snapshot"), not
 * product code: bench/snapshot/entry.ts is bundled into one CommonJS script
 * (bench/snapshot/bundle.ts), a snapshot is built from it after one warm-up synthesis,
 * and these cold processes of the reference platform are timed, interleaved:
 *
 *   cli        node dist/cli/main.js synth            what users run today (CDK on a worker thread)
 *   cli-0      the same with SLIPWAY_SYNTH_WORKER=0   in process, as the bundle and snapshot run
 *   bundle     node synth.cjs synth                   the bundled script, no snapshot
 *   snapshot   node --snapshot-blob synth.blob synth  the snapshot
 *   cdk-app    node dist/cdk/cdk-app.js               the AWS side alone, as `cdk synth` runs it
 *   snapshot-cdk  node --snapshot-blob synth.blob cdk the same from the snapshot
 *   blueprints node bench/eks-blueprints/blueprint-app.mjs (its cold `cdk synth`), when
 *              bench/synth-vs-eks-blueprints.ts has installed it: compare with the two above
 *
 *   npm run build && npx tsx bench/synth-snapshot.ts [iterations] [--no-minify] [--keep DIR]
 *
 * Every run passes `--charts ../shared/charts` when that folder exists (the Helm values
 * checked against the 13 charts, as `slipway synth` does with charts), else no charts;
 * `--no-charts` forces the latter. The bundle is minified (names kept) unless `--no-minify`. Before timing, the outputs of cli, bundle and snapshot
 * are compared file by file and the script stops if they differ. CPU time (user + system
 * of the process and its threads, from bash's `times`, since `--import` preloads are not
 * run in a process started from a snapshot) is the figure a busy machine does not inflate;
 * wall time is what a user waits. min and median of the runs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { scaleSpec } from "./scale-spec.js";
import { bundleSynthEntry, REPO_ROOT } from "./snapshot/bundle.js";

const cli = join(REPO_ROOT, "dist", "cli", "main.js");
const sharedCharts = join(REPO_ROOT, "..", "shared", "charts");
const blueprintApp = join(REPO_ROOT, "bench", "eks-blueprints", "blueprint-app.mjs");
const blueprintsInstalled = existsSync(join(REPO_ROOT, "bench", "eks-blueprints", "node_modules", "@aws-quickstart", "eks-blueprints"));

const iterations = /^\d+$/.test(process.argv[2] ?? "") ? Number(process.argv[2]) : 5;
if (!existsSync(sharedCharts)) throw new Error(`${sharedCharts} is missing: the runs check Helm values against it`);
const keepAt = process.argv.indexOf("--keep");
const work = keepAt >= 0 ? process.argv[keepAt + 1]! : mkdtempSync(join(tmpdir(), "bench-synth-snapshot-"));
const bundleFile = join(work, "synth.cjs");
const blobFile = join(work, "synth.blob");

interface Measure {
  readonly wall: number;
  readonly cpu: number;
}

/** Runs `node ARGS` under bash and reads the child's CPU time from bash's `times` builtin. */
function timed(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Measure {
  const start = performance.now();
  // The command's own output goes to /dev/null, so bash's standard output is only `times`.
  const report = execFileSync("bash", ["-c", '"$@" >/dev/null || exit $?; times', "bash", process.execPath, ...args], { cwd, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  const wall = performance.now() - start;
  return { wall, cpu: childrenCpu(report) };
}

/** bash `times`: the shell's own user/system line, then its children's ("0m1.643s 0m0.855s"). */
export function childrenCpu(report: string): number {
  const line = report.trim().split("\n")[1];
  const seconds = [...(line ?? "").matchAll(/(\d+)m([\d.]+)s/g)].map((match) => Number(match[1]) * 60 + Number(match[2]));
  if (seconds.length !== 2) throw new Error(`unexpected output of bash times: ${JSON.stringify(report)}`);
  return (seconds[0]! + seconds[1]!) * 1000;
}

type Mode = "cli" | "cli-0" | "bundle" | "snapshot" | "cdk-app" | "snapshot-cdk" | "blueprints";
const MODES: Mode[] = ["cli", "cli-0", "bundle", "snapshot", "cdk-app", "snapshot-cdk", ...(blueprintsInstalled ? (["blueprints"] as const) : [])];
const LABELS: Record<Mode, string> = {
  cli: "node dist/cli/main.js synth",
  "cli-0": "  same, SLIPWAY_SYNTH_WORKER=0",
  bundle: "bundled script, no snapshot",
  snapshot: "node --snapshot-blob (snapshot)",
  "cdk-app": "AWS side: node dist/cdk/cdk-app.js",
  "snapshot-cdk": "AWS side from the snapshot",
  blueprints: "eks-blueprints cold cdk synth",
};

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { SLIPWAY_SYNTH_WORKER: _unset, ...rest } = process.env;
  return { ...rest, ...extra };
}

/** One cold synthesis into `out`, of the reference platform or of the spec file `config`. */
function run(mode: Mode, out: string, config: readonly string[] = []): Measure {
  const synthArgs = ["synth", "--out", out, "--charts", sharedCharts, ...config];
  switch (mode) {
    case "cli":
      return timed([cli, ...synthArgs], environment(), work);
    case "cli-0":
      return timed([cli, ...synthArgs], environment({ SLIPWAY_SYNTH_WORKER: "0" }), work);
    case "bundle":
      return timed([bundleFile, ...synthArgs], environment(), work);
    case "snapshot":
      return timed(["--snapshot-blob", blobFile, ...synthArgs], environment(), work);
    // The working folder holds no slipway.config.ts: the reference platform.
    case "cdk-app":
      return timed([join(REPO_ROOT, "dist", "cdk", "cdk-app.js")], environment({ CDK_OUTDIR: out }), work);
    case "snapshot-cdk":
      return timed(["--snapshot-blob", blobFile, "cdk"], environment({ CDK_OUTDIR: out }), work);
    case "blueprints":
      // As bench/synth-vs-eks-blueprints.ts runs it: the blueprint's CDK app, cold.
      return timed([blueprintApp], environment({ CDK_OUTDIR: join(out, "cdk.out"), CDK_CONTEXT_JSON: "{}", PINNED_ADDONS: JSON.stringify(pinnedAddons()) }), work);
  }
}

let pinned: object | undefined;
function pinnedAddons(): object {
  if (pinned === undefined) {
    const script = `import(${JSON.stringify(join(REPO_ROOT, "dist", "versions.js"))}).then((v) => console.log(JSON.stringify(v.EKS_ADDONS.versions["1.35"])))`;
    pinned = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as object;
  }
  return pinned;
}

function withOut<T>(body: (out: string) => T): T {
  const out = mkdtempSync(join(work, "out-"));
  try {
    return body(join(out, "out"));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function listTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/** Paths whose content differs between two trees, or that only one has. */
export function treeDifferences(left: ReadonlyMap<string, Buffer>, right: ReadonlyMap<string, Buffer>): string[] {
  const paths = new Set([...left.keys(), ...right.keys()]);
  return [...paths].filter((path) => !left.has(path) || !right.has(path) || !left.get(path)!.equals(right.get(path)!)).sort();
}

function format(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(0).padStart(5)}  median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0).padStart(5)}`;
}
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
const loadAtStart = loadavg()[0]!;

const minify = !process.argv.includes("--no-minify");
const bundled = await bundleSynthEntry(bundleFile, { minify });
for (const warning of bundled.warnings) console.error(`bundle warning ${warning}`);
const snapshotBuild = timed(["--snapshot-blob", blobFile, "--build-snapshot", bundleFile], environment({ SLIPWAY_SNAPSHOT_CHARTS: sharedCharts, NODE_NO_WARNINGS: "1" }), work);

// The snapshot must write what the CLI writes, byte for byte (this also warms the file cache).
const otherSpec = join(work, "ten-applications.json");
writeFileSync(otherSpec, JSON.stringify(scaleSpec(10)));
const compared: Record<string, number> = {};
for (const [label, config] of [["the reference platform", []], ["a 10-application spec", ["--config", otherSpec]]] as const) {
  const trees = Object.fromEntries(
    (["cli", "bundle", "snapshot"] as const).map((mode) => [mode, withOut((out) => (run(mode, out, config), listTree(out)))]),
  ) as Record<"cli" | "bundle" | "snapshot", Map<string, Buffer>>;
  for (const mode of ["bundle", "snapshot"] as const) {
    const differences = treeDifferences(trees.cli, trees[mode]);
    if (differences.length > 0) throw new Error(`${mode} output of ${label} differs from the CLI's in ${differences.length} files: ${differences.slice(0, 10).join(", ")}`);
  }
  compared[label] = trees.cli.size;
}
const cdkTrees = (["cdk-app", "snapshot-cdk"] as const).map((mode) => withOut((out) => (run(mode, out), listTree(out))));
// cdk-app.js keeps the stack traces CDK records for acknowledgements in *.metadata.json
// (slipway synth removes them); from the bundle they name its lines, so those files differ.
const cdkDifferences = treeDifferences(cdkTrees[0]!, cdkTrees[1]!).filter((path) => !path.endsWith(".metadata.json"));
if (cdkDifferences.length > 0) throw new Error(`snapshot-cdk output differs from cdk-app.js's in ${cdkDifferences.length} files: ${cdkDifferences.slice(0, 10).join(", ")}`);
compared["the AWS side (cdk-app.js), *.metadata.json aside"] = cdkTrees[0]!.size;
if (blueprintsInstalled) withOut((out) => run("blueprints", out));

const results = Object.fromEntries(MODES.map((mode) => [mode, { wall: [] as number[], cpu: [] as number[] }])) as Record<Mode, { wall: number[]; cpu: number[] }>;
for (let index = 0; index < iterations; index++) {
  for (const mode of MODES) {
    const { wall, cpu } = withOut((out) => run(mode, out));
    results[mode].wall.push(wall);
    results[mode].cpu.push(cpu);
  }
}

console.log(`cold synthesis of the reference platform, ${iterations} runs each, interleaved, Helm values checked against ../shared/charts; node ${process.version}`);
console.log(`load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
console.log(`bundle${minify ? " (minified)" : ""}: ${(bundled.bytes / 1e6).toFixed(1)} MB in ${(bundled.milliseconds / 1000).toFixed(1)} s; snapshot: ${(statSync(blobFile).size / 1e6).toFixed(1)} MB blob built in ${(snapshotBuild.wall / 1000).toFixed(1)} s wall, ${(snapshotBuild.cpu / 1000).toFixed(1)} s CPU`);
console.log(`outputs of cli, bundle and snapshot: identical (${Object.entries(compared).map(([label, files]) => `${label}: ${files} files`).join("; ")})`);
console.log(`${"".padEnd(34)}  wall ms               CPU ms`);
for (const mode of MODES) console.log(`${LABELS[mode].padEnd(34)}  ${format(results[mode].wall)}  ${format(results[mode].cpu)}`);
const ratio = (of: "wall" | "cpu", over: Mode, under: Mode) => (median(results[over][of]) / median(results[under][of])).toFixed(2);
console.log(`speed-up of the snapshot over the cli: wall ${ratio("wall", "cli", "snapshot")}x, CPU ${ratio("cpu", "cli", "snapshot")}x; AWS side: wall ${ratio("wall", "cdk-app", "snapshot-cdk")}x, CPU ${ratio("cpu", "cdk-app", "snapshot-cdk")}x`);
if (blueprintsInstalled) {
  console.log(`eks-blueprints / snapshot (whole synth): wall ${ratio("wall", "blueprints", "snapshot")}x, CPU ${ratio("cpu", "blueprints", "snapshot")}x (goal 3x)`);
  console.log(`eks-blueprints / snapshot (AWS side alone): wall ${ratio("wall", "blueprints", "snapshot-cdk")}x, CPU ${ratio("cpu", "blueprints", "snapshot-cdk")}x (goal 3x)`);
}
if (keepAt < 0) rmSync(work, { recursive: true, force: true });
else console.log(`bundle and blob kept in ${work}`);
