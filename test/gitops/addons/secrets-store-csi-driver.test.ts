import { describe, expect, it } from "vitest";
import { secretsStoreCsiDriverGenerator } from "../../../src/gitops/addons/secrets-store-csi-driver.js";
import { secretsStoreCsiProviderAwsGenerator } from "../../../src/gitops/addons/secrets-store-csi-driver-provider-aws.js";
import { generate } from "./support.js";

describe("Secrets Store CSI driver and its AWS provider", () => {
  it("GIVEN the reference spec THEN the driver syncs Secrets, rotates them and runs on every node", () => {
    expect(generate(secretsStoreCsiDriverGenerator).values).toEqual({
      syncSecret: { enabled: true },
      enableSecretRotation: true,
      rotationPollInterval: "2m",
      linux: { tolerations: [{ operator: "Exists" }] },
    });
  });

  it("GIVEN the reference spec THEN the provider does not install a second copy of the driver", () => {
    expect(generate(secretsStoreCsiProviderAwsGenerator).values).toEqual({
      "secrets-store-csi-driver": { install: false },
      tolerations: [{ operator: "Exists" }],
    });
  });
});
