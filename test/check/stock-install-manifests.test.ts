/**
 * Severity by evidence, on manifests real clusters apply every day: the stock install
 * manifests of Argo CD (plain and HA), Argo Rollouts and the Prometheus Operator bundle,
 * at the versions the platform pins, taken from their Go modules. None of them is
 * rejected by an API server or fails to work, so none may get an error. (The broken
 * corpora in test/fixtures/check keep their findings: test/check/rules/corpus.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../src/check/check.js";
import { goModuleYamlDirectory } from "../../src/tools/go-module-crds.js";
import { CHARTS } from "../../src/versions.js";

const STOCK = [
  { name: "Argo CD install.yaml", module: "github.com/argoproj/argo-cd/v3", version: CHARTS.argoCd.appVersion, folder: "manifests", file: "install.yaml", minObjects: 50 },
  { name: "Argo CD HA install.yaml", module: "github.com/argoproj/argo-cd/v3", version: CHARTS.argoCd.appVersion, folder: "manifests/ha", file: "install.yaml", minObjects: 60 },
  { name: "Argo Rollouts install.yaml", module: "github.com/argoproj/argo-rollouts", version: CHARTS.argoRollouts.appVersion, folder: "manifests", file: "install.yaml", minObjects: 10 },
  { name: "Prometheus Operator bundle.yaml", module: "github.com/prometheus-operator/prometheus-operator", version: CHARTS.kubePrometheusStack.appVersion, folder: "", file: "bundle.yaml", minObjects: 10 },
];

describe("slipway check on stock install manifests", () => {
  it.for(STOCK)("GIVEN $name WHEN checked with every rule THEN no error", { timeout: 120_000 }, async ({ module, version, folder, file, minObjects }, context) => {
    let directory: string;
    try {
      directory = await goModuleYamlDirectory({ module, version, folder });
    } catch (error) {
      // Offline (no Go, no module proxy): nothing to check against.
      context.skip(`${module}@${version} is not available from the Go module proxy: ${(error as Error).message}`);
      return;
    }
    const result = await checkManifests([file], { cwd: directory });
    expect(result.stats.objects).toBeGreaterThanOrEqual(minObjects);
    expect(result.findings.filter((finding) => finding.severity === "error").map((finding) => `${finding.ruleId} ${finding.object}: ${finding.message}`)).toEqual([]);
  });
});
