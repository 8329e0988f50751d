/**
 * Time to prove the whole platform's add-ons before AWS: check every chart Application's
 * Helm values against its chart (what `slipway synth` adds), render all of them with the
 * pinned helm (`slipway render`), and run `slipway check` over the rendered manifests.
 *
 *   npx tsx bench/render-and-check.ts [iterations] [charts]   (default 3, ../shared/charts)
 *
 * Charts come from the Helm repository given (copied into a fresh chart cache once, so
 * every iteration measures a warm cache, as on a developer's machine). Each phase reports
 * its wall time and its CPU time (this process plus the helm processes it waited for, read
 * from /proc on Linux), medians of the iterations; CPU time is what a machine busy with
 * other work does not inflate. helm runs two at a time (2 cores). The check
 * figures are informative: wiring rendered add-ons into `slipway check` (with the
 * runtime-object exemptions issue 8 asks for) is the next step, so findings are counted,
 * not judged, here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { platformChartApplications } from "../src/charts/chart-applications.js";
import { ChartResolver } from "../src/charts/chart-resolver.js";
import { renderAddons } from "../src/charts/render-addons.js";
import { renderFiles } from "../src/charts/render-files.js";
import { validateChartValues } from "../src/charts/validate-chart-values.js";
import { checkManifests } from "../src/check/check.js";
import { parseSpec } from "../src/platform-spec/load.js";
import { writeTree } from "../src/synth/write-tree.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const iterations = Number(process.argv[2] ?? 3);
const charts = resolve(process.argv[3] ?? join(repoRoot, "..", "shared", "charts"));
const spec = parseSpec({}, "the reference platform");
const scratch = mkdtempSync(join(tmpdir(), "slipway-bench-render-"));
const cacheDirectory = join(scratch, "cache");

const phases = { "values check (13 charts)": [] as Sample[], "render (helm template)": [] as Sample[], "check rendered manifests": [] as Sample[] };

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

/** CPU milliseconds of this process and of its waited-for children (helm). */
function cpuMilliseconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  if (existsSync("/proc/self/stat")) {
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 Hz).
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  }
  return (own.user + own.system) / 1000 + children;
}

function measure(start: { wall: number; cpu: number }): Sample {
  return { wall: performance.now() - start.wall, cpu: cpuMilliseconds() - start.cpu };
}

const now = () => ({ wall: performance.now(), cpu: cpuMilliseconds() });
let summary = "";
try {
  // Fill the chart cache only: the first iteration then reads and parses every chart from
  // disk, as a new `slipway synth` process does; later ones reuse the parsed charts.
  const filling = new ChartResolver({ charts, cacheDirectory, download: false, environment: {} });
  for (const application of platformChartApplications(spec)) await filling.resolve(application.coordinates);
  for (let iteration = 0; iteration < iterations; iteration++) {
    // A new resolver per iteration: nothing is remembered in memory, the disk cache is warm.
    const resolver = new ChartResolver({ cacheDirectory, download: false, environment: {} });
    let start = now();
    await validateChartValues(platformChartApplications(spec), resolver);
    phases["values check (13 charts)"].push(measure(start));

    start = now();
    const rendered = await renderAddons(spec, { resolver });
    const out = join(scratch, `rendered-${iteration}`);
    writeTree(out, renderFiles(rendered));
    phases["render (helm template)"].push(measure(start));

    start = now();
    const result = await checkManifests([out], { cwd: scratch, kustomize: false });
    phases["check rendered manifests"].push(measure(start));
    const objects = [...rendered.addons.values()].reduce((sum, addon) => sum + addon.objects.length, 0);
    summary = `${rendered.addons.size} Applications, ${objects} objects; check: ${result.stats.errors} errors, ${result.stats.warnings} warnings, ${result.stats.infos} infos`;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
console.log(`render and check of the reference platform's add-ons, ${iterations} iteration(s), charts from ${charts}`);
console.log(`  ${"phase".padEnd(28)} ${"wall".padStart(9)} ${"CPU".padStart(9)}`);
let wallTotal = 0;
let cpuTotal = 0;
for (const [phase, samples] of Object.entries(phases)) {
  const wall = median(samples.map((sample) => sample.wall));
  const cpu = median(samples.map((sample) => sample.cpu));
  wallTotal += wall;
  cpuTotal += cpu;
  console.log(`  ${phase.padEnd(28)} ${seconds(wall).padStart(9)} ${seconds(cpu).padStart(9)}`);
}
console.log(`  ${"total".padEnd(28)} ${seconds(wallTotal).padStart(9)} ${seconds(cpuTotal).padStart(9)}`);
console.log(`  ${summary}`);
