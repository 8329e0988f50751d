import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { writeTree } from "../../../src/synth/write-tree.js";
import { kustomizeBuild } from "../../../src/tools/kubectl.js";
import { generateApplications } from "../../../src/gitops/applications/application-generator.js";
import type { ManifestFile } from "../../../src/gitops/gitops-file.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import type { PlatformSpecInput } from "../../../src/platform-spec/schema.js";
import { schemaProblems } from "../../support/schema-problems.js";

function generate(input: PlatformSpecInput) {
  const spec = parseSpec(input, "test");
  const files = generateApplications({ spec, names: platformNames(spec) }) as ManifestFile[];
  return new Map(files.map((file) => [file.path, file.objects]));
}

/** A second application in a few lines: its own namespace without team, a host, its own canary and HPA. */
const CUSTOM: PlatformSpecInput = {
  namespaces: { production: { team: "team-a" }, storefront: {} },
  applications: {
    "api-server": { namespace: "production" },
    shop: {
      namespace: "storefront",
      host: "shop.example.com",
      canary: { steps: [{ weight: 10, pause: "2m" }, { weight: 50 }], successRate: 0.995 },
      autoscaling: { minReplicas: 2, maxReplicas: 6, memoryUtilization: null },
    },
  },
};

describe("generateApplications", () => {
  it("GIVEN the reference spec WHEN generated THEN api-server has its folder of manifests and an Application", () => {
    expect([...generate({}).keys()]).toEqual([
      "applications/api-server/analysis-template.yaml",
      "applications/api-server/external-secret.yaml",
      "applications/api-server/horizontal-pod-autoscaler.yaml",
      "applications/api-server/pod-disruption-budget.yaml",
      "applications/api-server/rollout.yaml",
      "applications/api-server/service-account.yaml",
      "applications/api-server/service-monitor.yaml",
      "applications/api-server/services.yaml",
      "apps/applications/api-server.yaml",
    ]);
  });

  it("GIVEN the reference spec WHEN generated THEN the Application deploys in team-a's project at the applications wave and leaves the Rollout's replicas to the HPA", () => {
    const [application] = generate({}).get("apps/applications/api-server.yaml")!;
    expect(application).toMatchObject({
      metadata: { name: "api-server", namespace: "argocd", annotations: { "argocd.argoproj.io/sync-wave": "30" } },
      spec: {
        project: "team-a",
        source: { path: "applications/api-server" },
        destination: { namespace: "production" },
        ignoreDifferences: [{ group: "argoproj.io", kind: "Rollout", jsonPointers: ["/spec/replicas"] }],
        syncPolicy: { syncOptions: ["CreateNamespace=true", "Validate=false", "RespectIgnoreDifferences=true"] },
      },
    });
  });

  it("GIVEN an app with a host in a namespace without team WHEN generated THEN it gets an Ingress and its Application is in the platform project", () => {
    const files = generate(CUSTOM);
    expect(files.get("applications/shop/ingress.yaml")!.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(["Ingress/shop"]);
    expect(files.has("applications/api-server/ingress.yaml")).toBe(false);
    expect(files.get("apps/applications/shop.yaml")![0]!.spec).toMatchObject({ project: "platform", destination: { namespace: "storefront" } });
  });

  it.each([
    { name: "the reference spec", input: {} },
    { name: "a spec with a public, custom application", input: CUSTOM },
  ])("GIVEN $name WHEN every object is validated THEN all match the Kubernetes 1.35 schema and the upstream CRDs", async ({ input }) => {
    expect(await schemaProblems([...generate(input).values()].flat())).toEqual([]);
  });

  it("GIVEN a Rollout with a misspelt field WHEN validated THEN the validator reports it (the check above can fail)", async () => {
    const [rollout] = generate({}).get("applications/api-server/rollout.yaml")!;
    const broken = { ...rollout!, spec: { ...(rollout!.spec as object), replica: 3 } };
    expect(await schemaProblems([broken])).toEqual(['schema Rollout production/api-server: unknown field "spec.replica"']);
  });

  it("GIVEN the custom spec synthesized to disk WHEN the new application's and namespace's folders are built with kubectl kustomize THEN every object comes out", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-applications-"));
    try {
      writeTree(directory, synthesizeGitOps(parseSpec(CUSTOM, "test")));
      const kinds = async (folder: string) =>
        parseAllDocuments(await kustomizeBuild(join(directory, folder))).map((document) => {
          const object = document.toJS() as { kind: string; metadata: { name: string } };
          return `${object.kind}/${object.metadata.name}`;
        });
      expect((await kinds("applications/shop")).sort()).toEqual([
        "AnalysisTemplate/shop-success-rate",
        "ExternalSecret/shop",
        "HorizontalPodAutoscaler/shop",
        "Ingress/shop",
        "PodDisruptionBudget/shop",
        "Rollout/shop",
        "Service/shop",
        "Service/shop-canary",
        "Service/shop-stable",
        "ServiceAccount/shop",
        "ServiceMonitor/shop",
      ]);
      expect((await kinds("tenancy/storefront")).sort()).toEqual([
        "Namespace/storefront",
        "NetworkPolicy/allow-dns",
        "NetworkPolicy/default-deny",
        "NetworkPolicy/shop-allow-database-egress",
        "NetworkPolicy/shop-allow-http-from-load-balancer",
        "NetworkPolicy/shop-allow-metrics-from-prometheus",
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
