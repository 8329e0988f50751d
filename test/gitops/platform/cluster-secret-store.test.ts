import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { clusterSecretStore } from "../../../src/gitops/platform/cluster-secret-store.js";
import { schemaProblems } from "../../support/schema-problems.js";

describe("ClusterSecretStore", () => {
  it("GIVEN the reference spec THEN it reads Secrets Manager in eu-west-1 with the controller's own Pod Identity (no auth block)", async () => {
    const store = clusterSecretStore(platformNames(parseSpec({}, "test")));
    expect(store).toMatchObject({ apiVersion: "external-secrets.io/v1", metadata: { name: "aws-secrets-manager" } });
    expect(store.spec).toEqual({ provider: { aws: { service: "SecretsManager", region: "eu-west-1" } } });
    expect(await schemaProblems([store])).toEqual([]);
  });

  it("GIVEN another region THEN the store follows it", () => {
    const store = clusterSecretStore(platformNames(parseSpec({ aws: { region: "us-east-2" } }, "test")));
    expect(store.spec).toEqual({ provider: { aws: { service: "SecretsManager", region: "us-east-2" } } });
  });
});
