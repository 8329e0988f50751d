import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { addonVersions, addonVersionsSection } from "../../src/report/addon-versions.js";
import { CHARTS, EKS_ADDONS } from "../../src/versions.js";
import { CAPABILITY_SPEC } from "../support/argocd-capability-spec.js";

describe("addonVersions", () => {
  it("GIVEN the reference platform WHEN listed THEN every chart add-on has its pinned chart and software version, then Argo CD, then the EKS managed add-ons", () => {
    const rows = addonVersions(parseSpec({}, "reference"));
    expect(rows.filter((row) => row.installedBy === "Argo CD Application")).toHaveLength(13);
    expect(rows.find((row) => row.name === "loki")).toEqual({
      name: "loki",
      installedBy: "Argo CD Application",
      namespace: "monitoring",
      chart: "loki",
      chartVersion: CHARTS.loki.version,
      appVersion: CHARTS.loki.appVersion,
      checked: CHARTS.loki.checked,
    });
    expect(rows.find((row) => row.name === "argo-cd")).toMatchObject({ installedBy: "slipway bootstrap", chartVersion: CHARTS.argoCd.version, appVersion: CHARTS.argoCd.appVersion });
    expect(rows.find((row) => row.name === "coredns")).toMatchObject({ installedBy: "EKS managed add-on", appVersion: EKS_ADDONS.versions["1.35"].coredns });
  });

  it("GIVEN a chart version override and a turned-off add-on WHEN listed THEN the override shows with the pin and no software version is claimed; the off add-on is absent", () => {
    const rows = addonVersions(parseSpec({ addons: { "cert-manager": { version: "v1.19.2" }, alloy: { enabled: false } } }, "custom"));
    expect(rows.find((row) => row.name === "cert-manager")).toMatchObject({ chartVersion: "v1.19.2", appVersion: undefined, pinnedVersion: CHARTS.certManager.version });
    expect(rows.map((row) => row.name)).not.toContain("alloy");
    expect(addonVersionsSection(rows, "1.35").text).toContain("(overridden; pinned v1.21.1)");
  });

  it("GIVEN Argo CD as the EKS capability WHEN listed THEN no argo-cd chart is installed by bootstrap", () => {
    expect(addonVersions(parseSpec(CAPABILITY_SPEC, "capability")).map((row) => row.name)).not.toContain("argo-cd");
  });
});
