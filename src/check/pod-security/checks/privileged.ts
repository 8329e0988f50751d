/**
 * Privileged containers disable most security mechanisms and must be disallowed.
 *
 * Restricted fields:
 *   spec.containers[*].securityContext.privileged
 *   spec.initContainers[*].securityContext.privileged
 *   spec.ephemeralContainers[*].securityContext.privileged
 * Allowed values: false, undefined
 */
import { ALLOWED, allContainers, joinQuote, pluralize, type Check, type CheckPodFunction } from "../check.js";

const privilegedV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    if (container.securityContext?.privileged === true) badContainers.push(container.name);
  }
  if (badContainers.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: "privileged",
    forbiddenDetail: `${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)} must not set securityContext.privileged=true`,
  };
};

export const privilegedCheck: Check = {
  id: "privileged",
  level: "baseline",
  versions: [{ minimumVersion: 0, checkPod: privilegedV1Dot0 }],
};
