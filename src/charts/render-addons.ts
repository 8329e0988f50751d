/**
 * Renders every add-on (chart Application) of a platform as Argo CD would install it.
 *
 * Library API, for `slipway render` and next for `slipway check` and `slipway up --local`:
 *
 *   const resolver = new ChartResolver({ charts: "../shared/charts" });
 *   const { addons, apiVersions } = await renderAddons(spec, { resolver });
 *   addons.get("cert-manager")?.objects   // KubeObject[], sorted, CRDs included
 *   addons.get("cert-manager")?.chart     // { chart, version, repoURL, digest }
 *
 * `renderChartApplications(applications, options)` does the same for any list of chart
 * Applications (e.g. read from a GitOps repository instead of a spec).
 *
 * How: each chart is resolved through the chart cache and rendered with `helm template`
 * (helm-template.ts). `.Capabilities.APIVersions` must list the CRDs the platform installs,
 * so the CRDs come first: plain `crds/` files are read from the charts, and charts whose
 * templates make CRDs are rendered once to collect them. Then every chart is rendered with
 * the full set, except those rendered already whose templates test none of the API
 * versions that first pass added (they would render the same).
 * Objects are sorted (kind, namespace, name), so the same spec gives the same result.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { KubeObject } from "../manifest/kube-object.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { helmPath } from "../tools/kubectl.js";
import { crdObjectsFromFiles, platformApiVersions } from "./api-versions.js";
import { platformChartApplications, type ChartApplication } from "./chart-applications.js";
import type { ChartResolver } from "./chart-resolver.js";
import { helmTemplate } from "./helm-template.js";
import type { PackagedChart } from "./packaged-chart.js";
import { readPackagedChart } from "./validate-chart-values.js";

export interface RenderOptions {
  readonly resolver: ChartResolver;
  /** Kubernetes minor version (`1.35`). @default the spec's cluster.kubernetesVersion */
  readonly kubernetesVersion?: string;
  /** The helm binary. @default the pinned helm (src/tools/kubectl.ts) */
  readonly helm?: string;
  /** helm processes run at once. @default 2 */
  readonly concurrency?: number;
}

export interface RenderedChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  readonly appVersion?: string;
  /** sha256 of the packaged chart that was rendered. */
  readonly digest: string;
}

export interface RenderedAddon {
  readonly application: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly chart: RenderedChart;
  readonly objects: readonly KubeObject[];
}

export interface RenderResult {
  /** By Application name, in name order. */
  readonly addons: ReadonlyMap<string, RenderedAddon>;
  readonly kubernetesVersion: string;
  /** The `--api-versions` every chart was rendered with. */
  readonly apiVersions: readonly string[];
}

export function renderAddons(spec: PlatformSpec, options: RenderOptions): Promise<RenderResult> {
  return renderChartApplications(platformChartApplications(spec), { ...options, kubernetesVersion: options.kubernetesVersion ?? spec.cluster.kubernetesVersion });
}

interface LoadedApplication {
  readonly application: ChartApplication;
  readonly chart: PackagedChart;
  readonly path: string;
  readonly digest: string;
}

export async function renderChartApplications(applications: readonly ChartApplication[], options: RenderOptions & { readonly kubernetesVersion: string }): Promise<RenderResult> {
  const helm = options.helm ?? (await helmPath());
  const loaded: LoadedApplication[] = [];
  for (const application of applications) {
    const resolved = await options.resolver.resolve(application.coordinates, application.name);
    const content = await readFile(resolved.path);
    loaded.push({ application, chart: await readPackagedChart(resolved.path), path: resolved.path, digest: createHash("sha256").update(content).digest("hex") });
  }
  const render = (item: LoadedApplication, apiVersions: readonly string[]) =>
    helmTemplate(helm, {
      application: item.application.name,
      chartPath: item.path,
      releaseName: item.application.releaseName,
      namespace: item.application.namespace,
      kubernetesVersion: options.kubernetesVersion,
      apiVersions,
      values: item.application.values,
    });
  const concurrency = options.concurrency ?? 2;

  const plainCrds = crdObjectsFromFiles(loaded.flatMap((item) => allCharts(item.chart).flatMap((chart) => [...chart.crdFiles.values()])));
  const baseApiVersions = platformApiVersions(plainCrds, options.kubernetesVersion);
  const makesCrds = loaded.filter((item) => someTemplate(item.chart, (source) => source.includes("CustomResourceDefinition")));
  const firstRenders = new Map(await mapLimit(makesCrds, concurrency, async (item) => [item.application.name, await render(item, baseApiVersions)] as const));
  const apiVersions = platformApiVersions([...plainCrds, ...[...firstRenders.values()].flat()], options.kubernetesVersion);

  const added = new Set(apiVersions.filter((version) => !baseApiVersions.includes(version)));
  const rendered = await mapLimit(loaded, concurrency, async (item) => {
    const first = firstRenders.get(item.application.name);
    const objects = first !== undefined && !asksForAnyOf(item.chart, added) ? first : await render(item, apiVersions);
    const addon: RenderedAddon = {
      application: item.application.name,
      releaseName: item.application.releaseName,
      namespace: item.application.namespace,
      chart: {
        repoURL: item.application.coordinates.repoURL,
        chart: item.chart.name,
        version: item.chart.version,
        ...(item.chart.appVersion !== undefined ? { appVersion: item.chart.appVersion } : {}),
        digest: item.digest,
      },
      objects: [...objects].sort(compareObjects),
    };
    return addon;
  });
  const addons = new Map(rendered.map((addon) => [addon.application, addon] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { addons, kubernetesVersion: options.kubernetesVersion, apiVersions };
}

function allCharts(chart: PackagedChart): PackagedChart[] {
  return [chart, ...[...chart.subcharts.values()].flatMap(allCharts)];
}

function someTemplate(chart: PackagedChart, test: (source: string) => boolean): boolean {
  return allCharts(chart).some((each) => [...each.templates.values()].some(test));
}

const HAS_API_VERSION = /APIVersions\.Has\s+("([^"]*)"|\S)/g;

/**
 * Whether a first render may differ with `versions` added: the chart tests one of them by
 * name (`.Capabilities.APIVersions.Has "x/v1"`), or tests a computed name Slipway cannot
 * read, or lists all API versions some other way.
 */
function asksForAnyOf(chart: PackagedChart, versions: ReadonlySet<string>): boolean {
  if (versions.size === 0) return false;
  return someTemplate(chart, (source) => {
    if (!source.includes("APIVersions")) return false;
    const tests = [...source.matchAll(HAS_API_VERSION)];
    const otherUses = source.split("APIVersions").length - 1 - tests.length;
    return otherUses > 0 || tests.some((test) => test[2] === undefined || versions.has(test[2]));
  });
}

/** CRDs and Namespaces first (what the rest needs), then by kind, namespace and name. */
export function compareObjects(a: KubeObject, b: KubeObject): number {
  const rank = (object: KubeObject) => (object.kind === "CustomResourceDefinition" ? 0 : object.kind === "Namespace" ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    compare(a.kind, b.kind) ||
    compare(a.metadata?.namespace ?? "", b.metadata?.namespace ?? "") ||
    compare(a.metadata?.name ?? "", b.metadata?.name ?? "") ||
    compare(a.apiVersion, b.apiVersion)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
