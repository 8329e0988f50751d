import { describe, expect, it } from "vitest";
import { localPersistentVolumes } from "../../src/local/local-volumes.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";

const storageClass: KubeObject = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } };
const statefulSet: KubeObject = {
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "loki-write" },
  spec: { replicas: 2, volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { storageClassName: "gp3", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }] },
};
const claim: KubeObject = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "grafana", namespace: "monitoring" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } } };

describe("localPersistentVolumes", () => {
  const volumes = localPersistentVolumes([{ object: storageClass }, { object: statefulSet, namespace: "monitoring" }, { object: claim }, { object: { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "cache" }, spec: {} } }]);

  it("GIVEN a StatefulSet with a claim template and a PersistentVolumeClaim WHEN volumes are made THEN one volume per replica's claim and per claim, named as the StatefulSet controller names claims", () => {
    expect(volumes.map((volume) => [volume.metadata.name, (volume.spec as { claimRef: { namespace: string; name: string } }).claimRef])).toEqual([
      ["slipway-local-monitoring-data-loki-write-0", { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: "monitoring", name: "data-loki-write-0" }],
      ["slipway-local-monitoring-data-loki-write-1", { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: "monitoring", name: "data-loki-write-1" }],
      ["slipway-local-monitoring-grafana", { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: "monitoring", name: "grafana" }],
    ]);
  });

  it("GIVEN claims with and without a storage class WHEN volumes are made THEN each volume matches its claim's class (the default class when it names none), size and access modes", () => {
    expect(volumes.map((volume) => { const spec = volume.spec as { storageClassName: string; capacity: { storage: string }; accessModes: string[] }; return [spec.storageClassName, spec.capacity.storage, spec.accessModes]; })).toEqual([
      ["gp3", "10Gi", ["ReadWriteOnce"]],
      ["gp3", "10Gi", ["ReadWriteOnce"]],
      ["gp3", "5Gi", ["ReadWriteOnce"]],
    ]);
  });
});
