/**
 * Time to prove the whole platform's add-ons before AWS: check every chart Application's
 * Helm values against its chart (what `slipway synth` adds), render all of them with the
 * pinned helm (`slipway render`), and run `slipway check` over the rendered manifests.
 *
 *   npx tsx bench/render-and-check.ts [iterations] [charts]   (default 3, ../shared/charts)
 *
 * Charts come from the Helm repository given (copied into a fresh chart cache once, so
 * every iteration measures a warm cache, as on a developer's machine). Each phase reports
 * its wall time (median of the iterations); helm runs two at a time (2 cores). The check
 * figures are informative: wiring rendered add-ons into `slipway check` (with the
 * runtime-object exemptions issue 8 asks for) is the next step, so findings are counted,
 * not judged, here.
 */
import { mkdtempSync, rmSync } from "node:fs";
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
import { parseSpec } from "../src/spec/load.js";
import { writeTree } from "../src/synth/write-tree.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const iterations = Number(process.argv[2] ?? 3);
const charts = resolve(process.argv[3] ?? join(repoRoot, "..", "shared", "charts"));
const spec = parseSpec({}, "the reference platform");
const scratch = mkdtempSync(join(tmpdir(), "slipway-bench-render-"));
const cacheDirectory = join(scratch, "cache");

const phases = { "values check (13 charts)": [] as number[], "render (helm template)": [] as number[], "check rendered manifests": [] as number[] };
let summary = "";
try {
  await validateChartValues(platformChartApplications(spec), new ChartResolver({ charts, cacheDirectory, download: false, environment: {} }));
  for (let iteration = 0; iteration < iterations; iteration++) {
    // A new resolver per iteration: nothing is remembered in memory, the disk cache is warm.
    const resolver = new ChartResolver({ cacheDirectory, download: false, environment: {} });
    let start = performance.now();
    await validateChartValues(platformChartApplications(spec), resolver);
    phases["values check (13 charts)"].push(performance.now() - start);

    start = performance.now();
    const rendered = await renderAddons(spec, { resolver });
    const out = join(scratch, `rendered-${iteration}`);
    writeTree(out, renderFiles(rendered));
    phases["render (helm template)"].push(performance.now() - start);

    start = performance.now();
    const result = await checkManifests([out], { cwd: scratch, kustomize: false });
    phases["check rendered manifests"].push(performance.now() - start);
    const objects = [...rendered.addons.values()].reduce((sum, addon) => sum + addon.objects.length, 0);
    summary = `${rendered.addons.size} Applications, ${objects} objects; check: ${result.stats.errors} errors, ${result.stats.warnings} warnings, ${result.stats.infos} infos`;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(`render and check of the reference platform's add-ons, ${iterations} iteration(s), charts from ${charts}`);
for (const [phase, values] of Object.entries(phases)) console.log(`  ${phase.padEnd(28)} ${(median(values) / 1000).toFixed(2)} s`);
console.log(`  total                        ${(Object.values(phases).reduce((sum, values) => sum + median(values), 0) / 1000).toFixed(2)} s`);
console.log(`  ${summary}`);
