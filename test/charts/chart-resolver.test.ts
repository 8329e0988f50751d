import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChartResolver } from "../../src/charts/chart-resolver.js";
import { cachedChartPath } from "../../src/charts/chart-cache.js";
import { isSlipwayError, type SlipwayError } from "../../src/errors.js";
import { CHARTS } from "../../src/versions.js";
import { CHARTS_AVAILABLE, serveFolder } from "../support/charts.js";
import { SHARED_CHARTS_DIR } from "../support/paths.js";

const certManager = CHARTS.certManager;
const sharedFile = (name: string) => readFileSync(join(SHARED_CHARTS_DIR, name));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function temporary(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `slipway-${prefix}-`));
}

async function failure(promise: Promise<unknown>): Promise<SlipwayError> {
  try {
    await promise;
  } catch (error) {
    if (isSlipwayError(error)) return error;
    throw error;
  }
  throw new Error("expected a SlipwayError");
}

/** A copy of the test repository whose cert-manager chart is replaced by other bytes. */
function tamperedRepository(): string {
  const folder = temporary("tampered-repo");
  cpSync(SHARED_CHARTS_DIR, folder, { recursive: true });
  writeFileSync(join(folder, `cert-manager-${certManager.version}.tgz`), sharedFile(`metrics-server-${CHARTS.metricsServer.version}.tgz`));
  return folder;
}

describe.skipIf(!CHARTS_AVAILABLE)("ChartResolver", () => {
  it("GIVEN --charts DIR WHEN resolving a pinned chart THEN it is copied into the cache, digest-checked, and a second resolver finds it in the cache", async () => {
    const cacheDirectory = temporary("cache");
    const fromFolder = await new ChartResolver({ charts: SHARED_CHARTS_DIR, cacheDirectory, download: false }).resolve(certManager);
    expect(fromFolder.origin).toBe(`--charts ${SHARED_CHARTS_DIR}`);
    expect(fromFolder.path).toBe(cachedChartPath(certManager, cacheDirectory));
    expect(sha256(readFileSync(fromFolder.path))).toBe(sha256(sharedFile(`cert-manager-${certManager.version}.tgz`)));

    const fromCache = await new ChartResolver({ cacheDirectory, download: false, environment: {} }).resolve(certManager);
    expect(fromCache).toEqual({ coordinates: certManager, path: fromFolder.path, origin: "cache" });
  });

  it("GIVEN a relative --charts and SLIPWAY_CHARTS WHEN resolving THEN the flag wins and is read from the working directory", async () => {
    const cwd = join(SHARED_CHARTS_DIR, "..");
    const resolver = new ChartResolver({ charts: "charts", cwd, environment: { SLIPWAY_CHARTS: "/nonexistent" }, cacheDirectory: temporary("cache"), download: false });
    expect((await resolver.resolve(certManager)).origin).toBe(`--charts ${SHARED_CHARTS_DIR}`);
    const fromEnvironment = new ChartResolver({ environment: { SLIPWAY_CHARTS: SHARED_CHARTS_DIR }, cacheDirectory: temporary("cache"), download: false });
    expect((await fromEnvironment.resolve(certManager)).origin).toBe(`--charts ${SHARED_CHARTS_DIR}`);
  });

  it("GIVEN an http URL of a Helm repository WHEN resolving THEN index.yaml and the listed tgz are fetched from it", async () => {
    const server = await serveFolder(SHARED_CHARTS_DIR);
    try {
      const cacheDirectory = temporary("cache");
      const resolved = await new ChartResolver({ charts: `${server.url}/`, cacheDirectory, download: false }).resolve(certManager);
      expect(resolved.origin).toBe(`--charts ${server.url}`);
      expect(server.requests).toEqual(["/index.yaml", `/cert-manager-${certManager.version}.tgz`]);
      expect(sha256(readFileSync(resolved.path))).toBe(sha256(sharedFile(`cert-manager-${certManager.version}.tgz`)));
    } finally {
      await server.close();
    }
  });

  it("GIVEN an index listing absolute URLs WHEN resolving THEN the absolute URL is fetched", async () => {
    const origin = await serveFolder(temporary("origin"), { [`mirror/cert-manager-${certManager.version}.tgz`]: sharedFile(`cert-manager-${certManager.version}.tgz`) });
    try {
      const index = readFileSync(join(SHARED_CHARTS_DIR, "index.yaml"), "utf8").replace(/- (cert-manager-[^\s]+\.tgz)/, `- ${origin.url}/mirror/$1`);
      const repository = await serveFolder(temporary("repository"), { "index.yaml": Buffer.from(index) });
      try {
        await new ChartResolver({ charts: repository.url, cacheDirectory: temporary("cache"), download: false }).resolve(certManager);
        expect(repository.requests).toEqual(["/index.yaml"]);
        expect(origin.requests).toEqual([`/mirror/cert-manager-${certManager.version}.tgz`]);
      } finally {
        await repository.close();
      }
    } finally {
      await origin.close();
    }
  });

  it.each([
    ["a folder", () => tamperedRepository()],
    ["an http URL", () => tamperedRepository()],
  ])("GIVEN %s whose tgz does not match the index digest WHEN resolving THEN it fails with CHART_INVALID and caches nothing", async (kind, makeFolder) => {
    const folder = makeFolder();
    const server = kind === "an http URL" ? await serveFolder(folder) : undefined;
    try {
      const cacheDirectory = temporary("cache");
      const error = await failure(new ChartResolver({ charts: server?.url ?? folder, cacheDirectory, download: false }).resolve(certManager, "cert-manager"));
      expect(error.code).toBe("CHART_INVALID");
      expect(error.message).toBe(`cert-manager ${certManager.version} (cert-manager) does not match the digest in index.yaml`);
      expect(error.problems[0]).toMatch(/^index\.yaml: sha256 [0-9a-f]{64}$/);
      expect(existsSync(cachedChartPath(certManager, cacheDirectory))).toBe(false);
    } finally {
      await server?.close();
    }
  });

  it("GIVEN a chart in no source, not cached, and a repository helm cannot reach WHEN resolving THEN CHART_UNAVAILABLE names the chart, the repository, each place tried and the fix", async () => {
    const coordinates = { repoURL: "http://127.0.0.1:9/charts", chart: "argo-cd", version: CHARTS.argoCd.version };
    const cacheDirectory = temporary("cache");
    const resolver = new ChartResolver({ charts: SHARED_CHARTS_DIR, cacheDirectory });
    const error = await failure(resolver.resolve(coordinates, "argo-cd (slipway bootstrap)"));
    expect(error.code).toBe("CHART_UNAVAILABLE");
    expect(error.message).toBe(`chart argo-cd ${CHARTS.argoCd.version} (argo-cd (slipway bootstrap)) is not available`);
    expect(error.where).toBe("http://127.0.0.1:9/charts");
    expect(error.problems[0]).toBe(`${SHARED_CHARTS_DIR}: no argo-cd ${CHARTS.argoCd.version} in index.yaml`);
    expect(error.problems[1]).toBe(`chart cache: no argo-cd ${CHARTS.argoCd.version} in ${cacheDirectory}`);
    expect(error.problems[2]).toMatch(/^helm pull from http:\/\/127\.0\.0\.1:9\/charts: .+/);
    expect(error.fix).toContain("pass --charts DIR|URL");
    expect(error.fix).toContain("SLIPWAY_CHARTS");

    // Offline: the next chart is not pulled again, and says why.
    const second = await failure(resolver.resolve({ ...coordinates, chart: "other" }));
    expect(second.problems.at(-1)).toMatch(/^helm pull: skipped, an earlier pull in this run failed/);
  });

  it("GIVEN a version the index does not list WHEN resolving THEN the error lists the versions it has", async () => {
    const error = await failure(new ChartResolver({ charts: SHARED_CHARTS_DIR, cacheDirectory: temporary("cache"), download: false }).resolve({ ...certManager, version: "v0.0.1" }));
    expect(error.code).toBe("CHART_UNAVAILABLE");
    expect(error.problems[0]).toBe(`${SHARED_CHARTS_DIR}: no cert-manager v0.0.1 in index.yaml (it lists ${certManager.version})`);
    expect(error.problems[2]).toBe("helm pull: not attempted (downloads disabled)");
  });

  it.each([
    ["a missing folder", "/nonexistent/charts", "the chart repository folder /nonexistent/charts does not exist"],
    ["a folder without index.yaml", tmpdir(), `${tmpdir()} is not a Helm repository (no index.yaml)`],
  ])("GIVEN --charts pointing at %s WHEN resolving THEN it fails at once with what to point it at", async (_kind, charts, message) => {
    const error = await failure(new ChartResolver({ charts, cacheDirectory: temporary("cache"), download: false }).resolve(certManager));
    expect(error.code).toBe("CHART_UNAVAILABLE");
    expect(error.message).toBe(message);
    expect(error.fix).toContain("helm repo index");
  });

  it("GIVEN an http URL that answers 404 WHEN resolving THEN the error names the URL and status", async () => {
    const server = await serveFolder(temporary("empty"));
    try {
      const error = await failure(new ChartResolver({ charts: server.url, cacheDirectory: temporary("cache"), download: false }).resolve(certManager));
      expect(error.message).toBe(`${server.url}/index.yaml answered HTTP 404`);
    } finally {
      await server.close();
    }
  });
});
