/**
 * Times `slipway up --local` on the reference platform.
 *
 *   npx tsx bench/local-up.ts                 # warm: binaries cached; fresh cluster, then a second `up`
 *   npx tsx bench/local-up.ts --build         # also rebuild the binaries first (Go's caches still apply)
 *   npx tsx bench/local-up.ts --cold-build    # rebuild with an empty Go build cache (modules stay downloaded)
 *   npx tsx bench/local-up.ts --apply server-side-apply   # `up` applies the platform itself instead of Argo CD
 *
 * The cluster is named `slipway-bench`, so it never touches one you started yourself, and
 * is removed at the end. CRDs come from ../shared/crds and the add-ons' charts from
 * ../shared/charts (or --charts DIR|URL, or SLIPWAY_CHARTS): the figures include
 * running the add-ons' pods. Warm means what a user's second `up` of a spec finds: the
 * binaries built and the charts' render in the machine's cache (rendered-addons-cache.ts),
 * so the render is done (or found) and timed on its own first, then a new cluster is
 * brought up, then `up` runs again on the running cluster. With Argo CD, the new
 * cluster's sync waves are printed from Argo CD's own timestamps (argocd-timeline.ts):
 * when each wave was created, started syncing, was Healthy, and which Application it
 * waited for last.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildBinaries, ensureBinaries } from "../src/local/binaries.js";
import { renderWaveTimeline, waveTimeline } from "../src/local/argocd-timeline.js";
import { down, localPlatform, up } from "../src/local/local-cluster.js";
import { parseSpec } from "../src/platform-spec/load.js";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const crds = resolve(repoRoot, "..", "shared", "crds");
const chartsFlag = process.argv.indexOf("--charts");
const charts = chartsFlag >= 0 ? process.argv[chartsFlag + 1] : (process.env.SLIPWAY_CHARTS ?? resolve(repoRoot, "..", "shared", "charts"));
const spec = parseSpec({ cluster: { name: "slipway-bench" } }, "bench/local-up.ts");
const applyFlag = process.argv.indexOf("--apply");
const apply = applyFlag >= 0 ? (process.argv[applyFlag + 1] as "argocd" | "server-side-apply") : "argocd";
const print = (line: string) => process.stdout.write(`${line}\n`);

if (process.argv.includes("--cold-build")) {
  const goCache = mkdtempSync(join(tmpdir(), "slipway-gocache-"));
  process.env.GOCACHE = goCache;
  try {
    print(`cold build (empty GOCACHE ${goCache}): ${await buildBinaries()}s`);
  } finally {
    rmSync(goCache, { recursive: true, force: true });
    delete process.env.GOCACHE;
  }
} else if (process.argv.includes("--build")) {
  print(`rebuild with Go's caches warm: ${await buildBinaries()}s`);
}
await ensureBinaries({ onProgress: print });

const renderStarted = Date.now();
const { rendered } = await localPlatform({ spec, ...(charts !== undefined ? { charts } : {}) });
print(`charts: ${rendered.fromCache ? "render found in the cache" : "rendered"} in ${((Date.now() - renderStarted) / 1000).toFixed(1)}s (${rendered.addons.length} add-ons)`);

await down(spec.cluster.name);
try {
  const fresh = await up({ spec, apply, crdFolders: [crds], ...(charts !== undefined ? { charts } : {}) });
  const pods = Object.entries(fresh.workloads.runningByNodeGroup).map(([group, count]) => `${group}=${count}`).join(" ");
  const addonPods = (result: typeof fresh) => `${result.addons.reduce((sum, addon) => sum + addon.running, 0)}/${result.addons.reduce((sum, addon) => sum + addon.total, 0)}`;
  print(
    `warm up, new cluster: ${fresh.seconds}s (${fresh.crds.length} CRDs, ${fresh.applied.length} objects, ${fresh.addons.length} add-ons rendered with ${addonPods(fresh)} add-on pods Running, ${fresh.notRendered.length} not rendered; pods ${pods}; settled ${fresh.workloads.settled})`,
  );
  if (fresh.argoCd !== undefined) {
    print(argoCdLine("new cluster", fresh.argoCd));
    print("  sync waves, seconds after the root Application was created:");
    for (const line of renderWaveTimeline(waveTimeline(fresh.argoCd.applications, "root"))) print(`  ${line}`);
  }
  const again = await up({ spec, apply, crdFolders: [crds], ...(charts !== undefined ? { charts } : {}) });
  if (again.argoCd !== undefined) print(argoCdLine("running cluster", again.argoCd));
  const unchanged = again.applied.filter((result) => result.outcome === "unchanged").length;
  print(`warm up, running cluster: ${again.seconds}s (${unchanged}/${again.applied.length} objects unchanged, ${addonPods(again)} add-on pods Running, settled ${again.workloads.settled})`);
} finally {
  await down(spec.cluster.name);
}

function argoCdLine(when: string, argoCd: NonNullable<Awaited<ReturnType<typeof up>>["argoCd"]>): string {
  const settled = argoCd.applications.filter((application) => application.sync === "Synced" && application.health === "Healthy").length;
  return `  Argo CD ${argoCd.version}, ${when}: ${settled}/${argoCd.applications.length} Applications Synced and Healthy, ${argoCd.settledSeconds ?? "not all"}s after the root Application was applied`;
}
