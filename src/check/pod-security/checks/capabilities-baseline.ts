/**
 * Adding NET_RAW or capabilities beyond the default set must be disallowed.
 *
 * Restricted fields:
 *   spec.containers[*].securityContext.capabilities.add
 *   spec.initContainers[*].securityContext.capabilities.add
 *   spec.ephemeralContainers[*].securityContext.capabilities.add
 * Allowed values: undefined, empty, or values of the default set: AUDIT_WRITE, CHOWN,
 *   DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP,
 *   SETUID, SYS_CHROOT
 */
import { ALLOWED, allContainers, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";

export const CAPABILITIES_BASELINE_ID = "capabilities_baseline";

const ALLOWED_CAPABILITIES_V1_DOT_0: ReadonlySet<string> = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
  "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);

const capabilitiesBaselineV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const nonDefaultCapabilities: string[] = [];
  for (const container of allContainers(podSpec)) {
    const added = container.securityContext?.capabilities?.add ?? [];
    const forbidden = added.filter((capability) => !ALLOWED_CAPABILITIES_V1_DOT_0.has(capability));
    if (forbidden.length > 0) {
      badContainers.push(container.name);
      nonDefaultCapabilities.push(...forbidden);
    }
  }
  if (badContainers.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: "non-default capabilities",
    forbiddenDetail: `${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)} must not include ${joinQuote(sortedSet(nonDefaultCapabilities))} in securityContext.capabilities.add`,
  };
};

export const capabilitiesBaselineCheck: Check = {
  id: CAPABILITIES_BASELINE_ID,
  level: "baseline",
  versions: [{ minimumVersion: 0, checkPod: capabilitiesBaselineV1Dot0 }],
};
