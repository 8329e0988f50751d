import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPackagedChart } from "../../src/charts/packaged-chart.js";
import { CHARTS } from "../../src/versions.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { SHARED_CHARTS_DIR } from "../support/paths.js";

/** A chart packaged with the system tar (PAX format: a path over 255 characters needs an extended header). */
function packageWithTar(files: Record<string, string | Buffer>): Buffer {
  const folder = mkdtempSync(join(tmpdir(), "slipway-chart-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  const archive = join(folder, "chart.tgz");
  execFileSync("tar", ["--format=pax", "-czf", archive, "-C", folder, ...Object.keys(files).map((path) => path.split("/")[0]!).filter((item, index, all) => all.indexOf(item) === index)]);
  return readFileSync(archive);
}

describe("loadPackagedChart", () => {
  it("GIVEN a chart with a long template path, an aliased packaged subchart and a schema WHEN loaded THEN every part is read under the right key", () => {
    const longName = `templates/${"very-long-folder-name/".repeat(12)}deployment.yaml`;
    const subchart = packageWithTar({ "common/Chart.yaml": "name: common\nversion: 2.0.0\n", "common/values.yaml": "enabled: true\n" });
    const chart = loadPackagedChart(
      packageWithTar({
        "demo/Chart.yaml": "name: demo\nversion: 1.2.3\nappVersion: v9\ndependencies:\n  - name: common\n    alias: shared\n",
        "demo/values.yaml": "replicaCount: 1\n",
        "demo/values.schema.json": '{"type":"object"}',
        [`demo/${longName}`]: "{{ .Values.replicaCount }}",
        "demo/crds/crd.yaml": "kind: CustomResourceDefinition\n",
        "demo/charts/common-2.0.0.tgz": subchart,
      }),
    );
    expect(chart).toMatchObject({ name: "demo", version: "1.2.3", appVersion: "v9", values: { replicaCount: 1 }, valuesSchema: { type: "object" } });
    expect([...chart.templates.keys()]).toEqual([longName]);
    expect([...chart.crdFiles.keys()]).toEqual(["crds/crd.yaml"]);
    expect([...chart.subcharts.keys()]).toEqual(["shared"]);
    expect(chart.subcharts.get("shared")?.values).toEqual({ enabled: true });
  });

  it("GIVEN bytes that are not a gzip tar WHEN loaded THEN it throws", () => {
    expect(() => loadPackagedChart(Buffer.from("not a chart"))).toThrow();
  });

  it.skipIf(!CHARTS_AVAILABLE)("GIVEN kube-prometheus-stack from the test repository WHEN loaded THEN its unpacked subcharts are keyed by name", () => {
    const chart = loadPackagedChart(readFileSync(join(SHARED_CHARTS_DIR, `kube-prometheus-stack-${CHARTS.kubePrometheusStack.version}.tgz`)));
    expect(chart.version).toBe(CHARTS.kubePrometheusStack.version);
    expect([...chart.subcharts.keys()]).toEqual(["crds", "grafana", "kube-state-metrics", "prometheus-node-exporter", "prometheus-windows-exporter"]);
    expect(chart.subcharts.get("grafana")?.values).toHaveProperty("persistence");
  });
});
