import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChartResolver } from "../../src/charts/chart-resolver.js";
import { helmTemplate, helmTemplateArguments } from "../../src/charts/helm-template.js";
import { isSlipwayError } from "../../src/errors.js";
import { helmPath } from "../../src/tools/kubectl.js";
import { CHARTS } from "../../src/versions.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { SHARED_CHARTS_DIR } from "../support/paths.js";

const request = { application: "demo", chartPath: "/c/demo.tgz", releaseName: "rel", namespace: "ns", kubernetesVersion: "1.35", apiVersions: ["a.io/v1", "a.io/v1/Thing"], values: {} };

describe("helm template", () => {
  it("GIVEN a request WHEN planned THEN release, chart, namespace, kube version, every API version, CRDs, no tests and the values file are passed", () => {
    expect(helmTemplateArguments(request, "/v.json")).toEqual([
      "template",
      "rel",
      "/c/demo.tgz",
      "--namespace",
      "ns",
      "--kube-version",
      "1.35",
      "--api-versions",
      "a.io/v1",
      "--api-versions",
      "a.io/v1/Thing",
      "--include-crds",
      "--skip-tests",
      "--values",
      "/v.json",
    ]);
  });

  it.skipIf(!CHARTS_AVAILABLE)("GIVEN a chart WHEN rendered with the pinned helm THEN objects come back named after the release, and a chart helm cannot read is CHART_RENDER_FAILED naming the Application", async () => {
    const resolver = new ChartResolver({ charts: SHARED_CHARTS_DIR, cacheDirectory: mkdtempSync(join(tmpdir(), "slipway-cache-")), download: false, environment: {} });
    const chart = await resolver.resolve(CHARTS.metricsServer);
    const rendered = await helmTemplate(await helmPath(), { ...request, application: "metrics-server", chartPath: chart.path, apiVersions: [] });
    expect(rendered.find((object) => object.kind === "Deployment")?.metadata).toMatchObject({ name: "rel-metrics-server", namespace: "ns" });
    const error = await helmTemplate(await helmPath(), { ...request, application: "metrics-server", chartPath: join(tmpdir(), "no-such-chart.tgz") }).catch((caught: unknown) => caught);
    expect(isSlipwayError(error) && error.code).toBe("CHART_RENDER_FAILED");
    expect((error as Error).message).toMatch(/^helm template failed for metrics-server: /);
  });
});
