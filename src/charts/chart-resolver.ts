/**
 * Finds the packaged chart (.tgz) of a pinned chart version, in this order:
 *
 * 1. the Helm repository given by `--charts DIR|URL` or `SLIPWAY_CHARTS`: a folder with
 *    `index.yaml` and the .tgz files, or an http(s) URL of one. The index's sha256 digest
 *    is verified when it has one, and the chart is copied into the cache;
 * 2. the chart cache (src/charts/chart-cache.ts);
 * 3. online, `helm pull` with the pinned helm from the pinned repository (HTTPS or OCI).
 *
 * A chart found nowhere is a CHART_UNAVAILABLE error naming every place tried; callers
 * that can work without charts (synth) catch it and say so. A wrong `--charts` (missing
 * folder, unreachable URL, no index.yaml) or a digest mismatch fails at once instead.
 * After one failed `helm pull` (offline), later charts are not pulled again in the same
 * run, so an offline command does not wait on the network thirteen times.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SlipwayError } from "../errors.js";
import { helmPath } from "../tools/kubectl.js";
import { cachedChart, chartCacheDirectory, storeChart, type ChartCoordinates } from "./chart-cache.js";
import { parseHelmRepositoryIndex, resolveChartUrl, type HelmRepositoryIndex } from "./helm-repository-index.js";
import { helmPull } from "./helm-pull.js";

export const CHARTS_ENVIRONMENT_VARIABLE = "SLIPWAY_CHARTS";

export interface ChartResolverOptions {
  /** `--charts DIR|URL`; when absent, `SLIPWAY_CHARTS` from `environment`. */
  readonly charts?: string;
  /** Folder a relative `--charts` is resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** @default process.env */
  readonly environment?: NodeJS.ProcessEnv;
  /** Try `helm pull` when the chart is neither in `--charts` nor in the cache. @default true */
  readonly download?: boolean;
  /** The helm binary `helm pull` runs. @default the pinned helm (src/tools/kubectl.ts) */
  readonly helm?: () => Promise<string>;
  /** @default chartCacheDirectory(environment) */
  readonly cacheDirectory?: string;
}

export interface ResolvedChart {
  readonly coordinates: ChartCoordinates;
  /** The packaged chart in the cache. */
  readonly path: string;
  /** Where it came from, for output headers: `--charts <source>`, `cache`, `helm pull <repo>`. */
  readonly origin: string;
}

interface RepositorySource {
  readonly label: string;
  readonly index: HelmRepositoryIndex;
  read(url: string): Promise<Uint8Array>;
}

export class ChartResolver {
  readonly charts: string | undefined;
  private readonly cwd: string;
  private readonly download: boolean;
  private readonly helm: () => Promise<string>;
  private readonly cacheDirectory: string;
  private repository: Promise<RepositorySource> | undefined;
  private pullFailure: string | undefined;
  private readonly resolved = new Map<string, Promise<ResolvedChart>>();

  constructor(options: ChartResolverOptions = {}) {
    const environment = options.environment ?? process.env;
    const charts = options.charts ?? environment[CHARTS_ENVIRONMENT_VARIABLE];
    this.charts = charts === undefined || charts.trim() === "" ? undefined : charts.trim();
    this.cwd = options.cwd ?? process.cwd();
    this.download = options.download ?? true;
    this.helm = options.helm ?? helmPath;
    this.cacheDirectory = options.cacheDirectory ?? chartCacheDirectory(environment);
  }

  /** The packaged chart of `coordinates`; `label` names who needs it in errors (e.g. the add-on). */
  resolve(coordinates: ChartCoordinates, label: string = coordinates.chart): Promise<ResolvedChart> {
    const key = `${coordinates.repoURL}\n${coordinates.chart}\n${coordinates.version}`;
    let result = this.resolved.get(key);
    if (result === undefined) {
      result = this.find(coordinates, label);
      this.resolved.set(key, result);
    }
    return result;
  }

  private async find(coordinates: ChartCoordinates, label: string): Promise<ResolvedChart> {
    const tried: string[] = [];
    const what = `${coordinates.chart} ${coordinates.version}`;
    if (this.charts !== undefined) {
      const repository = await this.openRepository();
      const entry = repository.index.find(coordinates.chart, coordinates.version);
      if (entry === undefined || entry.urls.length === 0) {
        const listed = repository.index.versions(coordinates.chart);
        tried.push(`${repository.label}: no ${what} in index.yaml${listed.length > 0 ? ` (it lists ${listed.join(", ")})` : ""}`);
      } else {
        const content = await repository.read(entry.urls[0]!);
        if (entry.digest !== undefined) {
          const actual = createHash("sha256").update(content).digest("hex");
          if (actual !== entry.digest) {
            throw new SlipwayError("CHART_INVALID", `${what} (${label}) does not match the digest in index.yaml`, {
              where: `${repository.label}: ${entry.urls[0]}`,
              problems: [`index.yaml: sha256 ${entry.digest}`, `file:       sha256 ${actual}`],
              fix: `re-package the chart or re-run \`helm repo index\` in ${repository.label}; never trust a chart whose digest differs`,
            });
          }
        }
        return { coordinates, path: await storeChart(coordinates, content, this.cacheDirectory), origin: `--charts ${repository.label}` };
      }
    }
    const cached = cachedChart(coordinates, this.cacheDirectory);
    if (cached !== undefined) return { coordinates, path: cached, origin: "cache" };
    tried.push(`chart cache: no ${what} in ${this.cacheDirectory}`);
    if (!this.download) {
      tried.push("helm pull: not attempted (downloads disabled)");
    } else if (this.pullFailure !== undefined) {
      tried.push(`helm pull: skipped, an earlier pull in this run failed (${this.pullFailure})`);
    } else {
      try {
        const content = await helmPull(await this.helm(), coordinates);
        return { coordinates, path: await storeChart(coordinates, content, this.cacheDirectory), origin: `helm pull ${coordinates.repoURL}` };
      } catch (error) {
        this.pullFailure = (error as Error).message;
        tried.push(`helm pull from ${coordinates.repoURL}: ${this.pullFailure}`);
      }
    }
    throw new SlipwayError("CHART_UNAVAILABLE", `chart ${what} (${label}) is not available`, {
      where: coordinates.repoURL,
      problems: tried,
      fix: `pass --charts DIR|URL (a Helm repository: index.yaml plus ${coordinates.chart}-${coordinates.version}.tgz) or set ${CHARTS_ENVIRONMENT_VARIABLE}; online, helm pull fills ${this.cacheDirectory} from ${coordinates.repoURL}`,
    });
  }

  private openRepository(): Promise<RepositorySource> {
    this.repository ??= openRepository(this.charts!, this.cwd);
    return this.repository;
  }
}

async function openRepository(charts: string, cwd: string): Promise<RepositorySource> {
  if (/^https?:\/\//i.test(charts)) return openRemoteRepository(charts);
  const folder = charts.startsWith("file://") ? fileURLToPath(charts) : resolve(cwd, charts);
  const indexPath = existsSync(folder) && statSync(folder).isFile() ? folder : join(folder, "index.yaml");
  const base = dirname(indexPath);
  if (!existsSync(indexPath)) {
    throw new SlipwayError("CHART_UNAVAILABLE", existsSync(folder) ? `${folder} is not a Helm repository (no index.yaml)` : `the chart repository folder ${folder} does not exist`, {
      where: `--charts / ${CHARTS_ENVIRONMENT_VARIABLE}: ${charts}`,
      fix: `point --charts at a folder holding index.yaml and the .tgz files (\`helm repo index DIR\` writes the index)`,
    });
  }
  const index = parseIndex(await readFile(indexPath, "utf8"), indexPath);
  return {
    label: base,
    index,
    async read(url) {
      if (/^https?:\/\//i.test(url)) return fetchBytes(url);
      const path = url.startsWith("file://") ? fileURLToPath(url) : isAbsolute(url) ? url : join(base, decodeURIComponent(url));
      try {
        return await readFile(path);
      } catch (error) {
        throw new SlipwayError("CHART_UNAVAILABLE", `index.yaml lists ${url} but it cannot be read: ${(error as Error).message}`, {
          where: indexPath,
          fix: "restore the .tgz file or re-run `helm repo index` in that folder",
          cause: error,
        });
      }
    },
  };
}

async function openRemoteRepository(charts: string): Promise<RepositorySource> {
  const indexUrl = /\/index\.yaml$/i.test(charts) ? charts : resolveChartUrl(charts, "index.yaml");
  const base = indexUrl.replace(/index\.yaml$/i, "");
  const index = parseIndex(Buffer.from(await fetchBytes(indexUrl)).toString("utf8"), indexUrl);
  return { label: base.replace(/\/$/, ""), index, read: (url) => fetchBytes(resolveChartUrl(base, url)) };
}

function parseIndex(text: string, where: string): HelmRepositoryIndex {
  try {
    return parseHelmRepositoryIndex(text);
  } catch (error) {
    throw new SlipwayError("CHART_UNAVAILABLE", `cannot read the Helm repository index: ${(error as Error).message}`, {
      where,
      fix: "point --charts at a Helm repository (`helm repo index DIR` writes index.yaml)",
      cause: error,
    });
  }
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new SlipwayError("CHART_UNAVAILABLE", `cannot reach ${url}: ${cause}`, {
      where: url,
      fix: `check the --charts / ${CHARTS_ENVIRONMENT_VARIABLE} URL, or use a local folder (--charts DIR)`,
      cause: error,
    });
  }
  if (!response.ok) {
    throw new SlipwayError("CHART_UNAVAILABLE", `${url} answered HTTP ${response.status}`, {
      where: url,
      fix: `check the --charts / ${CHARTS_ENVIRONMENT_VARIABLE} URL (it must serve index.yaml and the .tgz files it lists)`,
    });
  }
  return new Uint8Array(await response.arrayBuffer());
}
