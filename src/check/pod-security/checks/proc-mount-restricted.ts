/**
 * The default /proc masks are required at the restricted level, even in a user namespace.
 *
 * Restricted fields:
 *   spec.containers[*].securityContext.procMount
 *   spec.initContainers[*].securityContext.procMount
 *   spec.ephemeralContainers[*].securityContext.procMount
 * Allowed values: undefined, "Default"
 *
 * v1.35: the baseline `procMount` check relaxes for user namespaces from this version, so
 * the restricted level replaces it with the unconditional v1.0 rule.
 */
import type { Check } from "../check.js";
import { PROC_MOUNT_ID, procMountV1Dot0 } from "./proc-mount-baseline.js";

export const procMountRestrictedCheck: Check = {
  id: "procMount_restricted",
  level: "restricted",
  versions: [{ minimumVersion: 35, checkPod: procMountV1Dot0, overrideCheckIds: [PROC_MOUNT_ID] }],
};
