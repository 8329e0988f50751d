/**
 * Local stand-ins for the volumes the EBS CSI driver provisions on EKS. The platform's
 * StorageClass (gp3, `WaitForFirstConsumer`) names the `ebs.csi.aws.com` provisioner,
 * which does not run locally, so a pod with a PersistentVolumeClaim (Loki's write and
 * backend, Tempo, Grafana) would stay Pending forever. For every claim the platform makes
 * (PersistentVolumeClaims, and each StatefulSet's volumeClaimTemplates for each replica,
 * named `<template>-<statefulset>-<ordinal>` as the StatefulSet controller names them),
 * one PersistentVolume is made, pre-bound to the claim (`claimRef`) with its storage
 * class, size and access modes: the scheduler and the PV controller then bind them as
 * they bind a provisioned volume. The volumes are hostPath volumes nothing ever mounts
 * (kwok runs no kubelet).
 */
import type { KubeObject } from "../manifest/kube-object.js";

interface ClaimSpec {
  readonly storageClassName?: string;
  readonly accessModes?: readonly string[];
  readonly resources?: { readonly requests?: { readonly storage?: string } };
  readonly volumeMode?: string;
}

export const LOCAL_VOLUME_LABEL = "slipway.io/local-volume";

/** One pre-bound PersistentVolume per claim the objects make; `namespace` is where an object without one goes. */
export function localPersistentVolumes(objects: readonly { readonly object: KubeObject; readonly namespace?: string }[]): KubeObject[] {
  const defaultClass = objects.find(({ object }) => object.kind === "StorageClass" && object.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true")?.object.metadata.name;
  const volumes = new Map<string, KubeObject>();
  const add = (namespace: string, name: string, claim: ClaimSpec) => {
    const volumeName = `slipway-local-${namespace}-${name}`.slice(0, 253);
    volumes.set(volumeName, {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: volumeName, labels: { [LOCAL_VOLUME_LABEL]: "true" } },
      spec: {
        capacity: { storage: claim.resources?.requests?.storage ?? "1Gi" },
        accessModes: claim.accessModes ?? ["ReadWriteOnce"],
        storageClassName: claim.storageClassName ?? defaultClass ?? "",
        ...(claim.volumeMode !== undefined ? { volumeMode: claim.volumeMode } : {}),
        persistentVolumeReclaimPolicy: "Retain",
        claimRef: { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace, name },
        hostPath: { path: `/var/lib/slipway-local/${namespace}/${name}` },
      },
    });
  };
  for (const { object, namespace: fallback } of objects) {
    const namespace = object.metadata.namespace ?? fallback ?? "default";
    if (object.kind === "PersistentVolumeClaim" && object.apiVersion === "v1") add(namespace, object.metadata.name, (object.spec ?? {}) as ClaimSpec);
    if (object.kind === "StatefulSet" && object.apiVersion === "apps/v1") {
      const spec = object.spec as { replicas?: number; volumeClaimTemplates?: { metadata?: { name?: string }; spec?: ClaimSpec }[] } | undefined;
      // The API server defaults replicas to 1 and would reject anything but a non-negative integer.
      const replicas = Number.isSafeInteger(spec?.replicas) && spec!.replicas! >= 0 ? spec!.replicas! : 1;
      for (const template of spec?.volumeClaimTemplates ?? []) {
        if (template.metadata?.name === undefined) continue;
        for (let ordinal = 0; ordinal < replicas; ordinal++) add(namespace, `${template.metadata.name}-${object.metadata.name}-${ordinal}`, template.spec ?? {});
      }
    }
  }
  return [...volumes.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}
