/**
 * Synth-time check of every chart Application's values against its chart (see
 * chart-values-problems.ts): resolves each chart through the chart cache, reports every
 * problem of every add-on at once as one CHART_VALUES_INVALID error, and lists the charts
 * it could not find instead of failing on them, so synth still works offline.
 */
import { readFile } from "node:fs/promises";
import { SlipwayError } from "../errors.js";
import type { ChartApplication } from "./chart-applications.js";
import type { ChartResolver, ResolvedChart } from "./chart-resolver.js";
import { chartValuesProblems } from "./chart-values-problems.js";
import { loadPackagedChart, type PackagedChart } from "./packaged-chart.js";

export interface ChartValuesReport {
  /** Applications whose values were checked (and passed). */
  readonly validated: readonly { readonly application: string; readonly chart: ResolvedChart }[];
  /** Applications whose chart was not available; their values were not checked. */
  readonly unavailable: readonly { readonly application: string; readonly chart: string; readonly reason: string }[];
}

export async function validateChartValues(applications: readonly ChartApplication[], resolver: ChartResolver): Promise<ChartValuesReport> {
  const validated: { application: string; chart: ResolvedChart }[] = [];
  const unavailable: { application: string; chart: string; reason: string }[] = [];
  const problems: string[] = [];
  for (const application of applications) {
    const loaded = await loadChart(application, resolver);
    if ("reason" in loaded) {
      unavailable.push({ application: application.name, chart: `${application.coordinates.chart} ${application.coordinates.version}`, reason: loaded.reason });
      continue;
    }
    const found = chartValuesProblems(loaded.chart, application.values);
    const label = `${application.name} (chart ${application.coordinates.chart} ${application.coordinates.version})`;
    for (const problem of found) problems.push(`${label}: ${problem}`);
    if (found.length === 0) validated.push({ application: application.name, chart: loaded.resolved });
  }
  if (problems.length > 0) {
    const applicationsWithProblems = new Set(problems.map((problem) => problem.split(" ")[0]));
    throw new SlipwayError(
      "CHART_VALUES_INVALID",
      `the Helm values of ${applicationsWithProblems.size} add-on${applicationsWithProblems.size === 1 ? "" : "s"} do not fit their chart (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was written`,
      {
        where: `Application ${[...applicationsWithProblems].join(", ")} (spec.source.helm.valuesObject)`,
        problems,
        fix: "rename each unknown key to the chart's key (helm ignores keys it does not know), or remove it; `helm show values <chart>` lists them",
      },
    );
  }
  return { validated, unavailable };
}

const loadedCharts = new Map<string, PackagedChart>();

/** The application's chart, loaded; `reason` when it is not available (any other failure throws). */
export async function loadChart(application: ChartApplication, resolver: ChartResolver): Promise<{ chart: PackagedChart; resolved: ResolvedChart } | { reason: string }> {
  let resolved: ResolvedChart;
  try {
    resolved = await resolver.resolve(application.coordinates, application.name);
  } catch (error) {
    if (error instanceof SlipwayError && error.code === "CHART_UNAVAILABLE" && error.where === application.coordinates.repoURL) return { reason: [error.message, ...error.problems].join("; ") };
    throw error;
  }
  return { chart: await readPackagedChart(resolved.path), resolved };
}

/** Loads a packaged chart from disk, once per path and process. */
export async function readPackagedChart(path: string): Promise<PackagedChart> {
  let chart = loadedCharts.get(path);
  if (chart === undefined) {
    try {
      chart = loadPackagedChart(await readFile(path));
    } catch (error) {
      throw new SlipwayError("CHART_INVALID", `${path} is not a readable packaged Helm chart: ${(error as Error).message}`, {
        where: path,
        fix: `delete ${path} so the chart is fetched again`,
        cause: error,
      });
    }
    loadedCharts.set(path, chart);
  }
  return chart;
}
