import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { platformChartApplications } from "../../src/charts/chart-applications.js";
import { ChartResolver } from "../../src/charts/chart-resolver.js";
import { renderAddons, renderChartApplications, type RenderResult } from "../../src/charts/render-addons.js";
import { renderFiles } from "../../src/charts/render-files.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { CHARTS, CRD_API_VERSIONS } from "../../src/versions.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { SHARED_CHARTS_DIR } from "../support/paths.js";

const reference = parseSpec({}, "the reference platform");
const resolver = () => new ChartResolver({ charts: SHARED_CHARTS_DIR, environment: {}, cacheDirectory: mkdtempSync(join(tmpdir(), "slipway-cache-")), download: false });

describe.skipIf(!CHARTS_AVAILABLE)("renderAddons", () => {
  let first: RenderResult;
  beforeAll(async () => {
    first = await renderAddons(reference, { resolver: resolver() });
  }, 600_000);

  it("GIVEN the reference platform WHEN rendering THEN every chart Application is rendered from its pinned chart with its release name and namespace", () => {
    const applications = platformChartApplications(reference);
    expect([...first.addons.keys()]).toEqual(applications.map((application) => application.name));
    for (const application of applications) {
      const addon = first.addons.get(application.name)!;
      expect(addon.chart.version, application.name).toBe(application.coordinates.version);
      expect(addon.releaseName).toBe(application.releaseName);
      expect(addon.namespace).toBe(application.namespace);
      expect(addon.chart.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(addon.objects.length, application.name).toBeGreaterThan(0);
    }
    const prometheus = first.addons.get("kube-prometheus-stack")!;
    expect(prometheus.releaseName).toBe("kube-prometheus-stack");
    // Helm names objects after the release and puts namespaced ones in --namespace.
    const operator = prometheus.objects.find((object) => object.kind === "Deployment" && object.metadata.name.endsWith("-operator"));
    expect(operator?.metadata.namespace).toBe(prometheus.namespace);
    expect(first.addons.get("karpenter")?.objects.find((object) => object.kind === "Deployment")?.metadata.namespace).toBe("kube-system");
  });

  it("GIVEN the charts' CRDs WHEN rendering THEN they are included, first, and their API versions are what every chart saw", () => {
    const certManager = first.addons.get("cert-manager")!.objects;
    expect(certManager[0]?.kind).toBe("CustomResourceDefinition");
    expect(first.addons.get("karpenter")!.objects.filter((object) => object.kind === "CustomResourceDefinition").map((object) => object.metadata.name)).toEqual([
      "capacitybuffers.autoscaling.x-k8s.io",
      "ec2nodeclasses.karpenter.k8s.aws",
      "nodeclaims.karpenter.sh",
      "nodeoverlays.karpenter.sh",
      "nodepools.karpenter.sh",
    ]);
    for (const version of ["monitoring.coreos.com/v1", "monitoring.coreos.com/v1/ServiceMonitor", "cert-manager.io/v1/Certificate", "karpenter.sh/v1/NodePool", "external-secrets.io/v1/ExternalSecret", ...Object.values(CRD_API_VERSIONS)]) {
      expect(first.apiVersions).toContain(version);
    }
    expect(first.apiVersions).toEqual([...first.apiVersions].sort());
  });

  it("GIVEN a chart that renders a ServiceMonitor only when the cluster serves monitoring.coreos.com/v1 WHEN rendered alone THEN the platform's API versions reach helm", async () => {
    const karpenter = platformChartApplications(reference).find((application) => application.name === "karpenter")!;
    const result = await renderChartApplications([{ ...karpenter, values: { ...karpenter.values, serviceMonitor: { enabled: true } } }], { resolver: resolver(), kubernetesVersion: "1.35" });
    const kinds = result.addons.get("karpenter")!.objects.map((object) => object.kind);
    expect(kinds).toContain("ServiceMonitor");
    expect(first.addons.get("karpenter")!.objects.map((object) => object.kind)).not.toContain("ServiceMonitor");
  }, 600_000);

  it("GIVEN the spec's Kubernetes version WHEN rendering THEN charts see it (helm --kube-version)", async () => {
    expect(first.kubernetesVersion).toBe(reference.cluster.kubernetesVersion);
    // The charts see the version's built-in APIs as Argo CD passes them: prometheus-adapter's APIService is apiregistration.k8s.io/v1.
    const adapter = first.addons.get("prometheus-adapter")!.objects.filter((object) => object.kind === "APIService");
    expect(adapter.length).toBeGreaterThan(0);
    expect(adapter.map((object) => object.apiVersion)).toEqual(adapter.map(() => "apiregistration.k8s.io/v1"));
    // A version whose built-in APIs the checker does not know cannot be rendered as Argo CD would.
    const older = await renderAddons(reference, { resolver: resolver(), kubernetesVersion: "1.20" }).catch((error: Error) => error);
    expect(older).toBeInstanceOf(Error);
    expect((older as Error).message).toBe("no Kubernetes schemas for version 1.20");
  }, 600_000);

  it("GIVEN the same spec twice WHEN rendering THEN the files are byte-identical", async () => {
    const second = await renderAddons(reference, { resolver: resolver() });
    // Every add-on, the AWS Load Balancer Controller included: its webhook certificate comes from cert-manager, not from helm at render time.
    const a = renderFiles(first);
    const b = renderFiles(second);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, content] of a) expect(content, path).toBe(b.get(path));
    expect(a.get(`cert-manager/deployment-cert-manager.yaml`)).toMatch(
      new RegExp(`^# Rendered by slipway render from chart cert-manager ${CHARTS.certManager.version} \\(${CHARTS.certManager.repoURL.replace(/\./g, "\\.")}, sha256 [0-9a-f]{64}\\)\n# Application cert-manager: release cert-manager, namespace cert-manager, Kubernetes 1\\.35\napiVersion: apps/v1\nkind: Deployment\n`),
    );
  }, 600_000);
});
