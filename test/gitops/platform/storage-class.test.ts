import { describe, expect, it } from "vitest";
import { defaultStorageClass } from "../../../src/gitops/platform/storage-class.js";

describe("default StorageClass", () => {
  it("GIVEN the platform THEN gp3 is the default class, encrypted, bound when the first pod is scheduled", () => {
    expect(defaultStorageClass()).toMatchObject({
      apiVersion: "storage.k8s.io/v1",
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
    });
  });
});
