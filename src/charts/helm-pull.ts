/**
 * Downloads a pinned chart with the pinned helm (`helm pull`), the online way to fill the
 * chart cache: `--repo URL` for an HTTPS repository, `oci://HOST/PATH/CHART` for an OCI
 * registry (src/versions.ts writes OCI registries without a scheme, as Argo CD wants them).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChartCoordinates } from "./chart-cache.js";

/** The helm arguments that pull one chart version into `destination`. */
export function helmPullArguments(coordinates: ChartCoordinates, destination: string): string[] {
  const { repoURL, chart, version } = coordinates;
  if (/^https?:\/\//i.test(repoURL)) return ["pull", chart, "--repo", repoURL, "--version", version, "--destination", destination];
  const registry = repoURL.replace(/^oci:\/\//i, "").replace(/\/+$/, "");
  return ["pull", `oci://${registry}/${chart}`, "--version", version, "--destination", destination];
}

/** Runs `helm pull`; resolves to the packaged chart's bytes, rejects with helm's first error line. */
export async function helmPull(helm: string, coordinates: ChartCoordinates): Promise<Uint8Array> {
  const destination = await mkdtemp(join(tmpdir(), "slipway-helm-pull-"));
  try {
    await new Promise<void>((resolvePromise, reject) => {
      execFile(helm, helmPullArguments(coordinates, destination), { encoding: "utf8", timeout: 120_000 }, (error, _stdout, stderr) => {
        if (error) reject(new Error(stderr.trim().split("\n")[0] || error.message));
        else resolvePromise();
      });
    });
    const packaged = (await readdir(destination)).filter((name) => name.endsWith(".tgz"));
    if (packaged.length !== 1) throw new Error(`helm pull wrote ${packaged.length} chart files instead of 1`);
    return await readFile(join(destination, packaged[0]!));
  } finally {
    await rm(destination, { recursive: true, force: true });
  }
}
