import { describe, expect, it } from "vitest";
import { chartApplications, platformChartApplications } from "../../src/charts/chart-applications.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { CHARTS } from "../../src/versions.js";

const application = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name, namespace: "argocd" }, spec });

describe("chart Applications", () => {
  it("GIVEN the reference platform WHEN listed THEN the 13 add-ons come back with their pinned chart, release, namespace and values", () => {
    const applications = platformChartApplications(parseSpec({}, "the reference platform"));
    expect(applications).toHaveLength(13);
    const prometheus = applications.find((item) => item.name === "kube-prometheus-stack")!;
    expect(prometheus.coordinates).toEqual({ repoURL: CHARTS.kubePrometheusStack.repoURL, chart: "kube-prometheus-stack", version: CHARTS.kubePrometheusStack.version });
    expect(prometheus.namespace).toBe("monitoring");
    expect(Object.keys(prometheus.values)).toContain("prometheus");
  });

  it("GIVEN Applications with a values string, several sources, folder sources and other kinds WHEN listed THEN only chart sources count, valuesObject wins over values", () => {
    const objects = [
      application("b", {
        destination: { namespace: "ns-b" },
        sources: [
          { repoURL: "https://r.example", chart: "one", targetRevision: "1.0.0", helm: { values: "a: 1\nb: 1\n", valuesObject: { b: 2 } } },
          { repoURL: "https://git.example/repo.git", path: "folder" },
        ],
      }),
      application("a", { destination: {}, source: { repoURL: "https://r.example", chart: "two", targetRevision: "2.0.0", helm: { releaseName: "custom" } } }),
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
    ];
    expect(chartApplications(objects)).toEqual([
      { name: "a", coordinates: { repoURL: "https://r.example", chart: "two", version: "2.0.0" }, releaseName: "custom", namespace: "default", values: {} },
      { name: "b", coordinates: { repoURL: "https://r.example", chart: "one", version: "1.0.0" }, releaseName: "b", namespace: "ns-b", values: { a: 1, b: 2 } },
    ]);
  });
});
