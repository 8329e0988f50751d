import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHARTS } from "../../src/versions.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { REPO_ROOT } from "../support/paths.js";
import { runCli } from "../support/cli.js";

const slipway = runCli;

interface RenderManifest {
  kubernetesVersion: string;
  apiVersions: string[];
  applications: { application: string; releaseName: string; namespace: string; chart: { chart: string; version: string; repoURL: string; digest: string }; files: string[] }[];
}

describe.skipIf(!CHARTS_AVAILABLE)("slipway render", () => {
  it("GIVEN --charts ../shared/charts WHEN rendering the reference platform THEN one folder per Application is written with render.json naming every chart version", async () => {
    const out = mkdtempSync(join(tmpdir(), "slipway-render-"));
    const result = await slipway(["render", "--charts", "../shared/charts", "--out", out], REPO_ROOT, { SLIPWAY_CHARTS: "" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`rendered the add-ons of the reference platform into ${out} (Kubernetes 1.35; render.json lists every file)`);
    expect(result.stdout).toContain(`  cert-manager: chart cert-manager ${CHARTS.certManager.version}, `);
    const manifest = JSON.parse(readFileSync(join(out, "render.json"), "utf8")) as RenderManifest;
    expect(manifest.kubernetesVersion).toBe("1.35");
    expect(manifest.applications).toHaveLength(13);
    const byChart = new Map<string, { version: string }>(Object.values(CHARTS).map((chart) => [chart.chart, chart]));
    for (const application of manifest.applications) {
      expect(application.chart.version, application.application).toBe(byChart.get(application.chart.chart)?.version);
      expect(application.files.length).toBeGreaterThan(0);
      for (const file of application.files) {
        expect(file.startsWith(`${application.application}/`)).toBe(true);
        expect(readFileSync(join(out, file), "utf8")).toContain(`# Rendered by slipway render from chart ${application.chart.chart} ${application.chart.version} (`);
      }
    }
    const loki = manifest.applications.find((application) => application.application === "loki");
    expect(loki).toMatchObject({ releaseName: "loki", namespace: "monitoring" });
  }, 900_000);

  it("GIVEN --charts naming a folder that does not exist WHEN rendering THEN it exits 1 with CHART_UNAVAILABLE and the fix, no stack trace, nothing written", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "slipway-render-"));
    const result = await slipway(["render", "--charts", "missing-charts", "--out", "rendered"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error CHART_UNAVAILABLE: the chart repository folder ${join(cwd, "missing-charts")} does not exist`);
    expect(result.stderr).toContain("  fix: point --charts at a folder holding index.yaml");
    expect(result.stderr).not.toContain("    at ");
    expect(existsSync(join(cwd, "rendered"))).toBe(false);
  });

  it("GIVEN --help WHEN running render THEN it prints its options", async () => {
    const result = await slipway(["render", "--help"], REPO_ROOT);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("slipway render [--config FILE] [--out DIR] [--charts DIR|URL]");
  });
});
