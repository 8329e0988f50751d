import { describe, expect, it } from "vitest";
import { externalSecret } from "../../../src/gitops/applications/external-secret.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";

describe("externalSecret", () => {
  it("GIVEN the reference api-server WHEN built THEN DATABASE_URL comes from production-cluster/api-server/database-url through the ClusterSecretStore", () => {
    const spec = parseSpec({}, "test");
    expect(externalSecret("api-server", spec.applications["api-server"]!, platformNames(spec))).toEqual({
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: {
        name: "api-server",
        namespace: "production",
        labels: { "app.kubernetes.io/name": "api-server", "app.kubernetes.io/managed-by": "slipway" },
      },
      spec: {
        refreshInterval: "1h",
        secretStoreRef: { kind: "ClusterSecretStore", name: "aws-secrets-manager" },
        target: { name: "api-server-env", creationPolicy: "Owner" },
        data: [{ secretKey: "DATABASE_URL", remoteRef: { key: "production-cluster/api-server/database-url" } }],
      },
    });
  });

  it("GIVEN an app with several secrets and a custom prefix WHEN built THEN each variable maps to names.secrets.applications, sorted by variable", () => {
    const spec = parseSpec(
      { secretsPrefix: "prod/", applications: { billing: { namespace: "production", secrets: { STRIPE_KEY: "stripe", DATABASE_URL: "db" } } } },
      "test",
    );
    const names = platformNames(spec);
    expect((externalSecret("billing", spec.applications.billing!, names).spec as { data: unknown }).data).toEqual([
      { secretKey: "DATABASE_URL", remoteRef: { key: "prod/billing/db" } },
      { secretKey: "STRIPE_KEY", remoteRef: { key: "prod/billing/stripe" } },
    ]);
    expect(names.secrets.applications.billing).toEqual({ DATABASE_URL: "prod/billing/db", STRIPE_KEY: "prod/billing/stripe" });
  });
});
