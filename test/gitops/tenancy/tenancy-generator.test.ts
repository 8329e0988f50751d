import { describe, expect, it } from "vitest";
import type { ManifestFile } from "../../../src/gitops/gitops-file.js";
import { generateTenancy } from "../../../src/gitops/tenancy/tenancy-generator.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import type { PlatformSpecInput } from "../../../src/platform-spec/schema.js";
import { schemaProblems } from "../../support/schema-problems.js";

function generate(input: PlatformSpecInput) {
  const spec = parseSpec(input, "test");
  const files = generateTenancy({ spec, names: platformNames(spec) }) as ManifestFile[];
  return new Map(files.map((file) => [file.path, file.objects]));
}

describe("generateTenancy", () => {
  it("GIVEN the reference spec WHEN generated THEN each of the three team namespaces has a folder with namespace, policies and quota, and one Application", () => {
    expect([...generate({}).keys()]).toEqual([
      "tenancy/development/namespace.yaml",
      "tenancy/development/network-policies.yaml",
      "tenancy/development/resource-quota.yaml",
      "apps/tenancy/development.yaml",
      "tenancy/production/namespace.yaml",
      "tenancy/production/network-policies.yaml",
      "tenancy/production/resource-quota.yaml",
      "apps/tenancy/production.yaml",
      "tenancy/staging/namespace.yaml",
      "tenancy/staging/network-policies.yaml",
      "tenancy/staging/resource-quota.yaml",
      "apps/tenancy/staging.yaml",
    ]);
  });

  it("GIVEN the reference spec WHEN generated THEN the production Application applies tenancy/production in the platform project at the tenancy wave", () => {
    const [application] = generate({}).get("apps/tenancy/production.yaml")!;
    expect(application).toMatchObject({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "tenancy-production", namespace: "argocd", annotations: { "argocd.argoproj.io/sync-wave": "10" } },
      spec: {
        project: "platform",
        source: { repoURL: "https://github.com/example-org/platform-gitops.git", targetRevision: "main", path: "tenancy/production" },
        destination: { server: "https://kubernetes.default.svc", namespace: "production" },
      },
    });
  });

  it("GIVEN a spec adding a team, a team namespace and a namespace without team in a few lines WHEN generated THEN the team namespace gets the team's quota and the other gets none", () => {
    const files = generate({
      teams: { "team-a": {}, payments: { quota: { requestsCpu: "4", limitsCpu: "8" } } },
      namespaces: {
        production: { team: "team-a" },
        checkout: { team: "payments" },
        tools: { podSecurity: "baseline" },
      },
    });
    const quota = files.get("tenancy/checkout/resource-quota.yaml")!;
    expect(quota.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual(["ResourceQuota/payments-quota", "LimitRange/container-defaults"]);
    expect(quota[0]!.spec).toEqual({
      hard: { "requests.cpu": "4", "requests.memory": "40Gi", "limits.cpu": "8", "limits.memory": "80Gi", persistentvolumeclaims: "10" },
    });
    expect(files.has("tenancy/tools/resource-quota.yaml")).toBe(false);
    expect(files.get("tenancy/tools/namespace.yaml")![0]!.metadata.labels!["pod-security.kubernetes.io/enforce"]).toBe("baseline");
    expect(files.get("tenancy/tools/network-policies.yaml")!.map((policy) => policy.metadata.name)).toEqual(["default-deny", "allow-dns"]);
  });

  it("GIVEN the gitops folder below a repository path WHEN generated THEN the Application points inside it", () => {
    const [application] = generate({ gitops: { path: "clusters/prod" } }).get("apps/tenancy/staging.yaml")!;
    expect((application!.spec as { source: { path: string } }).source.path).toBe("clusters/prod/tenancy/staging");
  });

  it("GIVEN the reference spec WHEN every tenancy object is validated THEN all match the Kubernetes 1.35 and Argo CD CRD schemas", async () => {
    expect(await schemaProblems([...generate({}).values()].flat())).toEqual([]);
  });
});
