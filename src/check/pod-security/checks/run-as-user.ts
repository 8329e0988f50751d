/**
 * Containers must not run as user 0, unless the pod runs in a user namespace.
 *
 * Restricted fields:
 *   spec.securityContext.runAsUser
 *   spec.containers[*].securityContext.runAsUser
 *   spec.initContainers[*].securityContext.runAsUser
 *   spec.ephemeralContainers[*].securityContext.runAsUser
 * Allowed values: non-zero values, undefined; from v1.35 any value when `spec.hostUsers` is false
 *
 * v1.23: new in that policy version.
 */
import { ALLOWED, allContainers, joinQuote, pluralize, type Check, type CheckPodFunction } from "../check.js";
import { inUserNamespace } from "./user-namespace.js";

const runAsUserV1Dot23: CheckPodFunction = (_podMetadata, podSpec) => {
  const badSetters: string[] = [];
  if (podSpec.securityContext?.runAsUser === 0) badSetters.push("pod");
  const badContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    if (container.securityContext?.runAsUser === 0) badContainers.push(container.name);
  }
  if (badContainers.length > 0) {
    badSetters.push(`${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)}`);
  }
  if (badSetters.length === 0) return ALLOWED;
  return { allowed: false, forbiddenReason: "runAsUser=0", forbiddenDetail: `${badSetters.join(" and ")} must not set runAsUser=0` };
};

const runAsUserV1Dot35: CheckPodFunction = (podMetadata, podSpec) =>
  inUserNamespace(podSpec) ? ALLOWED : runAsUserV1Dot23(podMetadata, podSpec);

export const runAsUserCheck: Check = {
  id: "runAsUser",
  level: "restricted",
  versions: [
    { minimumVersion: 23, checkPod: runAsUserV1Dot23 },
    { minimumVersion: 35, checkPod: runAsUserV1Dot35 },
  ],
};
