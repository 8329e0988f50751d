/**
 * The add-ons `up --local` rendered, kept per machine in `~/.cache/slipway/rendered-addons/`
 * (one file per render key), so an `up` does not run helm thirteen times again: not on
 * the same cluster, and not on a new one after `slipway down` (5–40 s on 2 cores). The
 * key is everything the render depends on: each chart Application (chart coordinates,
 * release name, namespace, values), the sha256 of each packaged chart, the Kubernetes
 * version and the helm binary's path. A change to any of them renders again. Keeping the
 * render also keeps what a chart generates at render time (a self-signed webhook
 * certificate) stable between runs, so a warm `up` changes nothing, as Argo CD's own
 * render cache would.
 *
 * The key also holds Slipway's version and RENDER_CACHE_FORMAT, so an upgraded Slipway
 * (which may render or store differently) never reads an older render. The newest
 * RENDER_CACHE_ENTRIES renders are kept (a hit counts as new), so switching between a few
 * specs stays warm while the folder stays bounded (a render of the reference platform is
 * about 5 MB). Temporary files a killed `up` left behind are removed after an hour.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import type { ChartApplication } from "../charts/chart-applications.js";
import type { RenderedAddon } from "../charts/render-addons.js";
import { writeOutputFile } from "../synth/output-file.js";
import { packageVersion } from "../cli/package-version.js";
import { slipwayCacheRoot } from "./local-paths.js";

export const RENDER_CACHE_ENTRIES = 4;
/** Bumped when what is stored, or how the charts are rendered, changes within one version. */
export const RENDER_CACHE_FORMAT = 2;
const STALE_TEMPORARY_MS = 3_600_000;

interface CacheFile {
  readonly key: string;
  readonly addons: readonly RenderedAddon[];
}

/** `$XDG_CACHE_HOME/slipway/rendered-addons`: the folder of the machine's cached renders. */
export function renderCacheDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  return join(slipwayCacheRoot(environment), "rendered-addons");
}

/** What the render of `applications` depends on, as one hash. */
export function renderKey(applications: readonly ChartApplication[], chartDigests: readonly string[], kubernetesVersion: string, helm: string, slipwayVersion: string = packageVersion()): string {
  return createHash("sha256").update(JSON.stringify([RENDER_CACHE_FORMAT, slipwayVersion, applications, chartDigests, kubernetesVersion, helm])).digest("hex");
}

const entryName = (key: string) => `${key}.json`;

/** The cached render for `key` in `directory`, or undefined (none, unreadable, another key inside). */
export async function readRenderedAddons(directory: string, key: string): Promise<readonly RenderedAddon[] | undefined> {
  const file = join(directory, entryName(key));
  let cached: CacheFile;
  try {
    cached = JSON.parse(await readFile(file, "utf8")) as CacheFile;
  } catch {
    // Missing or unreadable only costs a render.
    return undefined;
  }
  if (cached.key !== key || !Array.isArray(cached.addons)) return undefined;
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return cached.addons;
}

/**
 * Stores the render whole (writeOutputFile), so a killed `up` never leaves half a file
 * behind; readable by its owner only. Then removes all but the newest RENDER_CACHE_ENTRIES
 * (best effort: a file another `up` removed first, or a folder that cannot be listed,
 * only leaves more in the cache).
 */
export async function writeRenderedAddons(directory: string, key: string, addons: readonly RenderedAddon[]): Promise<void> {
  const content: CacheFile = { key, addons };
  await writeOutputFile(directory, entryName(key), JSON.stringify(content), {
    mode: 0o600,
    errorCode: "LOCAL_CLUSTER",
    fix: `make ${directory} writable (or remove it: it only holds cached chart renders)`,
  });
  await pruneRenders(directory).catch(() => undefined);
}

async function pruneRenders(directory: string, now = Date.now()): Promise<void> {
  const names = await readdir(directory);
  const dated = await Promise.all(names.map(async (name) => ({ name, modified: (await stat(join(directory, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  const stale = dated.filter(({ name, modified }) => /^\.[0-9a-f]{64}\.json\..*\.tmp$/.test(name) && now - modified > STALE_TEMPORARY_MS);
  const renders = dated.filter(({ name }) => /^[0-9a-f]{64}\.json$/.test(name)).sort((a, b) => b.modified - a.modified || (a.name < b.name ? -1 : 1));
  await Promise.all([...stale, ...renders.slice(RENDER_CACHE_ENTRIES)].map(({ name }) => rm(join(directory, name), { force: true })));
}
