/**
 * Beyond forbidding hostPath, the restricted level limits inline volume sources to
 * configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
 * projected and secret.
 *
 * Restricted fields:
 *   spec.volumes[*].hostPath, gcePersistentDisk, awsElasticBlockStore, gitRepo, nfs, iscsi,
 *   glusterfs, rbd, flexVolume, cinder, cephfs, flocker, fc, azureFile, vsphereVolume,
 *   quobyte, azureDisk, portworxVolume, photonPersistentDisk, scaleIO, storageos
 * Allowed values: undefined, null
 *
 * A volume with none of the allowed sources is reported by its source type, or as
 * "unknown" when it has no source this policy knows.
 */
import { ALLOWED, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";
import { HOST_PATH_VOLUMES_ID } from "./host-path-volumes.js";

const ALLOWED_SOURCES = [
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
];

// Upstream's order: when several sources are set (an invalid volume), the first one names it.
const RESTRICTED_SOURCES = [
  "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
  "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
  "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
];

const restrictedVolumesV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const badVolumes: string[] = [];
  const badVolumeTypes: string[] = [];
  for (const volume of podSpec.volumes) {
    if (ALLOWED_SOURCES.some((source) => volume.sources.has(source))) continue;
    badVolumes.push(volume.name);
    badVolumeTypes.push(RESTRICTED_SOURCES.find((source) => volume.sources.has(source)) ?? "unknown");
  }
  if (badVolumes.length === 0) return ALLOWED;
  const types = sortedSet(badVolumeTypes);
  return {
    allowed: false,
    forbiddenReason: "restricted volume types",
    forbiddenDetail: `${pluralize("volume", "volumes", badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize("uses", "use", badVolumes.length)} ${pluralize("restricted volume type", "restricted volume types", types.length)} ${joinQuote(types)}`,
  };
};

export const restrictedVolumesCheck: Check = {
  id: "restrictedVolumes",
  level: "restricted",
  versions: [{ minimumVersion: 0, checkPod: restrictedVolumesV1Dot0, overrideCheckIds: [HOST_PATH_VOLUMES_ID] }],
};
