import { describe, expect, it } from "vitest";
import type { RenderResult } from "../../src/charts/render-addons.js";
import { renderFiles } from "../../src/charts/render-files.js";

const chart = { repoURL: "https://r.example", chart: "demo", version: "1.0.0", digest: "d".repeat(64) };
const result: RenderResult = {
  kubernetesVersion: "1.35",
  apiVersions: ["example.com/v1"],
  addons: new Map([
    [
      "demo",
      {
        application: "demo",
        releaseName: "demo-release",
        namespace: "demo-ns",
        chart,
        objects: [
          { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "demo", namespace: "a" } },
          { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "demo", namespace: "b" } },
          { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "system:demo" } },
        ],
      },
    ],
  ]),
};

describe("renderFiles", () => {
  it("GIVEN a rendered add-on WHEN written THEN one headed file per object in its Application's folder, names disambiguated, and render.json lists them in apply order", () => {
    const files = renderFiles(result);
    expect([...files.keys()]).toEqual(["demo/clusterrole-system_demo.yaml", "demo/serviceaccount-demo.a.yaml", "demo/serviceaccount-demo.b.yaml", "render.json"]);
    expect(files.get("demo/serviceaccount-demo.a.yaml")).toBe(
      `# Rendered by slipway render from chart demo 1.0.0 (https://r.example, sha256 ${"d".repeat(64)})\n# Application demo: release demo-release, namespace demo-ns, Kubernetes 1.35\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: demo\n  namespace: a\n`,
    );
    expect(JSON.parse(files.get("render.json")!)).toEqual({
      kubernetesVersion: "1.35",
      apiVersions: ["example.com/v1"],
      applications: [{ application: "demo", releaseName: "demo-release", namespace: "demo-ns", chart, files: ["demo/serviceaccount-demo.a.yaml", "demo/serviceaccount-demo.b.yaml", "demo/clusterrole-system_demo.yaml"] }],
    });
  });

  it("GIVEN the same result twice WHEN written THEN the bytes are identical", () => {
    expect([...renderFiles(result)]).toEqual([...renderFiles(result)]);
  });
});
