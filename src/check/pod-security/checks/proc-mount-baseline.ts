/**
 * The default /proc masks reduce the attack surface and are required, unless the pod runs
 * in a user namespace (`hostUsers: false`).
 *
 * Restricted fields:
 *   spec.containers[*].securityContext.procMount
 *   spec.initContainers[*].securityContext.procMount
 *   spec.ephemeralContainers[*].securityContext.procMount
 * Allowed values: undefined, "Default"; from v1.35 any value when `spec.hostUsers` is false
 */
import { ALLOWED, allContainers, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";
import { inUserNamespace } from "./user-namespace.js";

export const PROC_MOUNT_ID = "procMount";

/** Forbids any procMount but "Default", whatever the pod: also the restricted check's function. */
export const procMountV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const forbiddenProcMountTypes: string[] = [];
  for (const container of allContainers(podSpec)) {
    const procMount = container.securityContext?.procMount;
    if (procMount !== undefined && procMount !== "Default") {
      badContainers.push(container.name);
      forbiddenProcMountTypes.push(procMount);
    }
  }
  if (badContainers.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: "procMount",
    forbiddenDetail: `${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(forbiddenProcMountTypes))}`,
  };
};

const procMountV1Dot35Baseline: CheckPodFunction = (podMetadata, podSpec) =>
  inUserNamespace(podSpec) ? ALLOWED : procMountV1Dot0(podMetadata, podSpec);

export const procMountBaselineCheck: Check = {
  id: PROC_MOUNT_ID,
  level: "baseline",
  versions: [
    { minimumVersion: 0, checkPod: procMountV1Dot0 },
    { minimumVersion: 35, checkPod: procMountV1Dot35Baseline },
  ],
};
