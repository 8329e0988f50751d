import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { platformChartApplications, type ChartApplication } from "../../src/charts/chart-applications.js";
import { ChartResolver } from "../../src/charts/chart-resolver.js";
import { validateChartValues } from "../../src/charts/validate-chart-values.js";
import { isSlipwayError, type SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { CHARTS } from "../../src/versions.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { SHARED_CHARTS_DIR } from "../support/paths.js";

const reference = parseSpec({}, "the reference platform");

function resolver(charts?: string): ChartResolver {
  return new ChartResolver({ charts, environment: {}, cacheDirectory: mkdtempSync(join(tmpdir(), "slipway-cache-")), download: false });
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

function withValues(applications: ChartApplication[], name: string, change: (values: Record<string, unknown>) => Record<string, unknown>): ChartApplication[] {
  return applications.map((application) => (application.name === name ? { ...application, values: change(structuredClone(application.values)) } : application));
}

describe.skipIf(!CHARTS_AVAILABLE)("validateChartValues", () => {
  it("GIVEN the reference platform and the test repository WHEN validating THEN all 13 chart Applications pass with 0 unknown keys, each against its pinned version", async () => {
    const applications = platformChartApplications(reference);
    const report = await validateChartValues(applications, resolver(SHARED_CHARTS_DIR));
    expect(report.unavailable).toEqual([]);
    expect(report.validated.map((item) => item.application)).toHaveLength(13);
    const pinned = new Set(Object.values(CHARTS).map((chart) => `${chart.chart} ${chart.version}`));
    for (const item of report.validated) expect(pinned, item.application).toContain(`${item.chart.coordinates.chart} ${item.chart.coordinates.version}`);
  });

  it("GIVEN a misspelt nested key and a misspelt subchart key WHEN validating THEN synth fails naming each add-on, key path and nearest key", async () => {
    let applications = withValues(platformChartApplications(reference), "metrics-server", (values) => ({ ...values, podDisruptionBudget: { enabled: true, minAvailble: 1 } }));
    applications = withValues(applications, "kube-prometheus-stack", (values) => ({ ...values, grafana: { ...(values.grafana as object), persistance: { enabled: true } } }));
    const error = await failure(validateChartValues(applications, resolver(SHARED_CHARTS_DIR)));
    expect(error.code).toBe("CHART_VALUES_INVALID");
    expect(error.message).toBe("the Helm values of 2 add-ons do not fit their chart (2 problems); nothing was written");
    expect(error.where).toBe("Application kube-prometheus-stack, metrics-server (spec.source.helm.valuesObject)");
    expect(error.problems).toEqual([
      `kube-prometheus-stack (chart kube-prometheus-stack ${CHARTS.kubePrometheusStack.version}): unknown key grafana.persistance (nearest existing key: grafana.persistence)`,
      `metrics-server (chart metrics-server ${CHARTS.metricsServer.version}): unknown key podDisruptionBudget.minAvailble (nearest existing key: podDisruptionBudget.minAvailable)`,
    ]);
  });

  it("GIVEN a spec with a public Grafana host (grafana.ini server.root_url, a setting the chart's defaults do not list) WHEN validating THEN 0 unknown keys: the chart writes every grafana.ini key it is given", async () => {
    const spec = parseSpec({ monitoring: { grafana: { host: "grafana.example.com" } } }, "a public Grafana");
    const report = await validateChartValues(platformChartApplications(spec), resolver(SHARED_CHARTS_DIR));
    expect(report.validated).toHaveLength(13);
  });

  it("GIVEN a value the chart's values.schema.json refuses WHEN validating THEN the schema problem is named with its path", async () => {
    const applications = withValues(platformChartApplications(reference), "cert-manager", (values) => ({ ...values, replicaCount: "two" }));
    const error = await failure(validateChartValues(applications, resolver(SHARED_CHARTS_DIR)));
    expect(error.problems).toEqual([`cert-manager (chart cert-manager ${CHARTS.certManager.version}): values.schema.json: replicaCount must be number`]);
  });

  it("GIVEN free-form maps filled with keys the chart never lists WHEN validating THEN they pass", async () => {
    const applications = withValues(platformChartApplications(reference), "metrics-server", (values) => ({
      ...values,
      podAnnotations: { "example.com/anything": "x" },
      podLabels: { team: "platform" },
      nodeSelector: { "example.com/pool": "system" },
      resources: { requests: { cpu: "50m", memory: "64Mi" } },
      affinity: { nodeAffinity: {} },
    }));
    const report = await validateChartValues(applications, resolver(SHARED_CHARTS_DIR));
    expect(report.validated).toHaveLength(13);
  });

  it("GIVEN no chart source and an empty cache WHEN validating THEN nothing fails and every add-on is listed as not checked", async () => {
    const report = await validateChartValues(platformChartApplications(reference), resolver());
    expect(report.validated).toEqual([]);
    expect(report.unavailable.map((item) => item.application)).toHaveLength(13);
    expect(report.unavailable[0]?.reason).toMatch(/^chart alloy .+ \(alloy\) is not available(;|$)/);
  });
});
