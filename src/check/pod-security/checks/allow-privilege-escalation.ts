/**
 * Privilege escalation (such as via set-user-ID or set-group-ID file mode) must not be allowed.
 *
 * Restricted fields:
 *   spec.containers[*].securityContext.allowPrivilegeEscalation
 *   spec.initContainers[*].securityContext.allowPrivilegeEscalation
 *   spec.ephemeralContainers[*].securityContext.allowPrivilegeEscalation
 * Allowed values: false
 *
 * v1.8: the field exists from Kubernetes 1.8. v1.25: pods with `spec.os.name: windows` are
 * exempt (the API rejects the field on them).
 */
import { ALLOWED, allContainers, joinQuote, pluralize, type Check, type CheckPodFunction } from "../check.js";

const allowPrivilegeEscalationV1Dot8: CheckPodFunction = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    if (container.securityContext?.allowPrivilegeEscalation !== false) badContainers.push(container.name);
  }
  if (badContainers.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: "allowPrivilegeEscalation != false",
    forbiddenDetail: `${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)} must set securityContext.allowPrivilegeEscalation=false`,
  };
};

const allowPrivilegeEscalationV1Dot25: CheckPodFunction = (podMetadata, podSpec) =>
  podSpec.os?.name === "windows" ? ALLOWED : allowPrivilegeEscalationV1Dot8(podMetadata, podSpec);

export const allowPrivilegeEscalationCheck: Check = {
  id: "allowPrivilegeEscalation",
  level: "restricted",
  versions: [
    { minimumVersion: 8, checkPod: allowPrivilegeEscalationV1Dot8 },
    { minimumVersion: 25, checkPod: allowPrivilegeEscalationV1Dot25 },
  ],
};
