import { describe, expect, it } from "vitest";
import { externalSecretsGenerator } from "../../../src/gitops/addons/external-secrets.js";
import { generate } from "./support.js";

describe("External Secrets values", () => {
  it("GIVEN the reference spec THEN CRDs are installed, two replicas elect a leader and the SA is the Pod Identity one", () => {
    expect(generate(externalSecretsGenerator).values).toEqual({
      installCRDs: true,
      replicaCount: 2,
      leaderElect: true,
      serviceAccount: { create: true, name: "external-secrets" },
    });
  });
});
