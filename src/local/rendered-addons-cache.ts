/**
 * The add-ons `up --local` rendered last time, kept in the cluster's state folder, so a
 * warm `up` does not run helm thirteen times again (tens of seconds on 2 cores). The key
 * is everything the render depends on: each chart Application (chart coordinates,
 * release name, namespace, values), the sha256 of each packaged chart, the Kubernetes
 * version and the helm binary's path. A change to any of them renders again. Keeping the last render also keeps what a chart generates
 * at render time (a self-signed webhook certificate) stable between runs, so a warm `up`
 * changes nothing, as Argo CD's own render cache would.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import type { ChartApplication } from "../charts/chart-applications.js";
import type { RenderedAddon } from "../charts/render-addons.js";
import { writeOutputFile } from "../synth/output-file.js";

interface CacheFile {
  readonly key: string;
  readonly addons: readonly RenderedAddon[];
}

/** What the render of `applications` depends on, as one hash. */
export function renderKey(applications: readonly ChartApplication[], chartDigests: readonly string[], kubernetesVersion: string, helm: string): string {
  return createHash("sha256").update(JSON.stringify([applications, chartDigests, kubernetesVersion, helm])).digest("hex");
}

/** The cached render for `key`, or undefined (no file, another key, unreadable). */
export async function readRenderedAddons(file: string, key: string): Promise<readonly RenderedAddon[] | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const cached = JSON.parse(await readFile(file, "utf8")) as CacheFile;
    return cached.key === key && Array.isArray(cached.addons) ? cached.addons : undefined;
  } catch {
    // An unreadable file only costs a render.
    return undefined;
  }
}

/** Stores the render whole (writeOutputFile), so a killed `up` never leaves half a file behind; readable by its owner only. */
export async function writeRenderedAddons(file: string, key: string, addons: readonly RenderedAddon[]): Promise<void> {
  const content: CacheFile = { key, addons };
  await writeOutputFile(dirname(file), basename(file), JSON.stringify(content), {
    mode: 0o600,
    errorCode: "LOCAL_CLUSTER",
    fix: `make ${dirname(file)} writable, or run slipway down and slipway up --local again`,
  });
}
