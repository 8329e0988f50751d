import { describe, expect, it } from "vitest";
import { secretsStoreCsiDriverGenerator } from "../../../src/gitops/addons/secrets-store-csi-driver.js";
import { secretsStoreCsiProviderAwsGenerator } from "../../../src/gitops/addons/secrets-store-csi-driver-provider-aws.js";
import { CHARTS_UNAVAILABLE, renderApplication } from "../../support/render-chart.js";
import { generate } from "./support.js";

describe("Secrets Store CSI driver and its AWS provider", () => {
  it("GIVEN the reference spec THEN the driver syncs Secrets, rotates them, runs on every node and leaves its CRDs to Argo CD (no hook Jobs)", () => {
    expect(generate(secretsStoreCsiDriverGenerator).values).toEqual({
      syncSecret: { enabled: true },
      enableSecretRotation: true,
      rotationPollInterval: "2m",
      tokenRequests: [{ audience: "sts.amazonaws.com" }, { audience: "pods.eks.amazonaws.com" }],
      linux: { tolerations: [{ operator: "Exists" }], crds: { enabled: false } },
    });
  });

  it("GIVEN the reference spec THEN the provider does not install a second copy of the driver", () => {
    expect(generate(secretsStoreCsiProviderAwsGenerator).values).toEqual({
      "secrets-store-csi-driver": { install: false },
      tolerations: [{ operator: "Exists" }],
    });
  });
});

describe.skipIf(CHARTS_UNAVAILABLE !== undefined)(`Secrets Store CSI driver rendered by the real helm ${CHARTS_UNAVAILABLE ?? ""}`, () => {
  it("GIVEN the driver installed on its own WHEN rendered THEN its CSIDriver requests tokens for IRSA (sts.amazonaws.com) and Pod Identity (pods.eks.amazonaws.com)", async () => {
    const objects = await renderApplication(generate(secretsStoreCsiDriverGenerator).application);
    const drivers = objects.filter((object) => object.apiVersion === "storage.k8s.io/v1" && object.kind === "CSIDriver") as any[];
    expect(drivers.map((driver) => driver.metadata.name)).toEqual(["secrets-store.csi.k8s.io"]);
    const audiences = (drivers[0].spec.tokenRequests ?? []).map((request: { audience: string }) => request.audience);
    expect(audiences.sort()).toEqual(["pods.eks.amazonaws.com", "sts.amazonaws.com"]);
  }, 60_000);

  it("GIVEN the AWS provider WHEN rendered THEN it brings no second CSIDriver that could carry other token audiences", async () => {
    const objects = await renderApplication(generate(secretsStoreCsiProviderAwsGenerator).application);
    expect(objects.filter((object) => object.kind === "CSIDriver")).toEqual([]);
  }, 60_000);
});
