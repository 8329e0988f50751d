/**
 * The per-machine chart cache, `$XDG_CACHE_HOME/slipway/charts` (default
 * `~/.cache/slipway/charts`): one packaged chart per repository, chart and version, so two
 * repositories serving a chart of the same name never collide. Files are written whole by
 * writeOutputFile, so a concurrent reader never sees half a chart.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { slipwayCacheRoot } from "../local/local-paths.js";
import { writeOutputFile } from "../synth/output-file.js";

export interface ChartCoordinates {
  /** Helm repository URL (https) or OCI registry path without scheme, as in src/versions.ts. */
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
}

export function chartCacheDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  return join(slipwayCacheRoot(environment), "charts");
}

/** `<cache>/<repository as a folder name>/<chart>-<version>.tgz`. */
export function cachedChartPath(coordinates: ChartCoordinates, cacheDirectory: string): string {
  const repository = coordinates.repoURL
    .replace(/^[a-z]+:\/\//i, "")
    .replace(/\/+$/, "")
    .replace(/[^A-Za-z0-9._-]+/g, "_");
  return join(cacheDirectory, repository, `${safeSegment(coordinates.chart)}-${safeSegment(coordinates.version)}.tgz`);
}

export function cachedChart(coordinates: ChartCoordinates, cacheDirectory: string): string | undefined {
  const path = cachedChartPath(coordinates, cacheDirectory);
  return existsSync(path) ? path : undefined;
}

/** Stores a packaged chart whole; returns its path in the cache. */
export function storeChart(coordinates: ChartCoordinates, content: Uint8Array, cacheDirectory: string): Promise<string> {
  const path = cachedChartPath(coordinates, cacheDirectory);
  return writeOutputFile(dirname(path), basename(path), content, {
    errorCode: "CHART_UNAVAILABLE",
    fix: `make the chart cache ${cacheDirectory} writable, or set XDG_CACHE_HOME to a folder you can write to`,
  });
}

// A chart name or version never needs a path separator; refuse to let one escape the cache.
function safeSegment(text: string): string {
  return text.replace(/[^A-Za-z0-9._+-]+/g, "_");
}
