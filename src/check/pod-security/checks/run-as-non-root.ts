/**
 * Containers must run as non-root users, unless the pod runs in a user namespace.
 *
 * Restricted fields:
 *   spec.securityContext.runAsNonRoot
 *   spec.containers[*].securityContext.runAsNonRoot
 *   spec.initContainers[*].securityContext.runAsNonRoot
 *   spec.ephemeralContainers[*].securityContext.runAsNonRoot
 * Allowed values: true; undefined at container level when the pod level is true;
 *   from v1.35 any value when `spec.hostUsers` is false
 */
import { ALLOWED, allContainers, joinQuote, pluralize, type Check, type CheckPodFunction } from "../check.js";
import { inUserNamespace } from "./user-namespace.js";

const runAsNonRootV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const badSetters: string[] = [];
  let podRunAsNonRoot = false;
  const podSetting = podSpec.securityContext?.runAsNonRoot;
  if (podSetting === false) badSetters.push("pod");
  if (podSetting === true) podRunAsNonRoot = true;

  const explicitlyBadContainers: string[] = [];
  // Containers that set nothing and are not covered by a pod-level runAsNonRoot=true.
  const implicitlyBadContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    const setting = container.securityContext?.runAsNonRoot;
    if (setting === false) explicitlyBadContainers.push(container.name);
    if (setting === undefined && !podRunAsNonRoot) implicitlyBadContainers.push(container.name);
  }
  if (explicitlyBadContainers.length > 0) {
    badSetters.push(`${pluralize("container", "containers", explicitlyBadContainers.length)} ${joinQuote(explicitlyBadContainers)}`);
  }
  if (badSetters.length > 0) {
    return {
      allowed: false,
      forbiddenReason: "runAsNonRoot != true",
      forbiddenDetail: `${badSetters.join(" and ")} must not set securityContext.runAsNonRoot=false`,
    };
  }
  if (implicitlyBadContainers.length > 0) {
    return {
      allowed: false,
      forbiddenReason: "runAsNonRoot != true",
      forbiddenDetail: `pod or ${pluralize("container", "containers", implicitlyBadContainers.length)} ${joinQuote(implicitlyBadContainers)} must set securityContext.runAsNonRoot=true`,
    };
  }
  return ALLOWED;
};

const runAsNonRootV1Dot35: CheckPodFunction = (podMetadata, podSpec) =>
  inUserNamespace(podSpec) ? ALLOWED : runAsNonRootV1Dot0(podMetadata, podSpec);

export const runAsNonRootCheck: Check = {
  id: "runAsNonRoot",
  level: "restricted",
  versions: [
    { minimumVersion: 0, checkPod: runAsNonRootV1Dot0 },
    { minimumVersion: 35, checkPod: runAsNonRootV1Dot35 },
  ],
};
