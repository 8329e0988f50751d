/**
 * HostPath volumes must be forbidden.
 *
 * Restricted fields:
 *   spec.volumes[*].hostPath
 * Allowed values: undefined, null
 */
import { ALLOWED, joinQuote, pluralize, type Check, type CheckPodFunction } from "../check.js";

export const HOST_PATH_VOLUMES_ID = "hostPathVolumes";

const hostPathVolumesV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const hostVolumes = podSpec.volumes.filter((volume) => volume.sources.has("hostPath")).map((volume) => volume.name);
  if (hostVolumes.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: "hostPath volumes",
    forbiddenDetail: `${pluralize("volume", "volumes", hostVolumes.length)} ${joinQuote(hostVolumes)}`,
  };
};

export const hostPathVolumesCheck: Check = {
  id: HOST_PATH_VOLUMES_ID,
  level: "baseline",
  versions: [{ minimumVersion: 0, checkPod: hostPathVolumesV1Dot0 }],
};
