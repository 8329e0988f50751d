/**
 * A Helm repository's `index.yaml`: which file holds a chart version and its sha256
 * digest. URLs in the index are relative to the repository (as `helm repo index` writes
 * them) or absolute; both resolve here the way `helm pull` resolves them.
 */
import { parse } from "yaml";

export interface ChartIndexEntry {
  readonly chart: string;
  readonly version: string;
  /** Where the packaged chart is: absolute http(s) URL, or a path relative to the repository. */
  readonly urls: readonly string[];
  /** sha256 of the .tgz, hex, when the index records one. */
  readonly digest?: string;
}

export interface HelmRepositoryIndex {
  /** Versions listed for a chart (for error messages), newest first as in the index. */
  versions(chart: string): readonly string[];
  find(chart: string, version: string): ChartIndexEntry | undefined;
}

/** Parses index.yaml text. Throws Error when it is not a Helm repository index. */
export function parseHelmRepositoryIndex(text: string): HelmRepositoryIndex {
  const document = parse(text) as { entries?: Record<string, unknown> } | null;
  if (document === null || typeof document !== "object" || typeof document.entries !== "object" || document.entries === null) {
    throw new Error("not a Helm repository index (no `entries` map)");
  }
  const entries = document.entries;
  const list = (chart: string): Record<string, unknown>[] => {
    const value = Object.hasOwn(entries, chart) ? entries[chart] : undefined;
    return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => item !== null && typeof item === "object") : [];
  };
  return {
    versions: (chart) => list(chart).map((item) => String(item.version)),
    find(chart, version) {
      const wanted = stripV(version);
      const item = list(chart).find((candidate) => stripV(String(candidate.version)) === wanted);
      if (item === undefined) return undefined;
      const urls = Array.isArray(item.urls) ? item.urls.map(String) : [];
      const digest = typeof item.digest === "string" && /^[0-9a-f]{64}$/i.test(item.digest) ? item.digest.toLowerCase() : undefined;
      return { chart, version: String(item.version), urls, ...(digest ? { digest } : {}) };
    },
  };
}

/** Absolute URL of a chart file listed in the index of the repository at `repositoryUrl`. */
export function resolveChartUrl(repositoryUrl: string, url: string): string {
  return new URL(url, repositoryUrl.endsWith("/") ? repositoryUrl : `${repositoryUrl}/`).toString();
}

// Helm matches `--version 1.2.3` against `v1.2.3` and back (semver ignores the prefix).
function stripV(version: string): string {
  return version.replace(/^v/, "");
}
