/**
 * The default StorageClass: encrypted EBS gp3 through the EBS CSI driver (an EKS managed
 * add-on). WaitForFirstConsumer creates the volume in the zone the pod is scheduled to,
 * which matters with nodes in three zones; volumes can be grown in place.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import { DEFAULT_STORAGE_CLASS, MANAGED_BY_LABELS } from "../conventions.js";

export function defaultStorageClass(): KubeObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name: DEFAULT_STORAGE_CLASS,
      labels: { ...MANAGED_BY_LABELS },
      annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
    },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}
