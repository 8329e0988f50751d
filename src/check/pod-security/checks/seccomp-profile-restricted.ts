/**
 * A seccomp profile must be set, and must be the runtime default or a local profile.
 *
 * Restricted fields:
 *   spec.securityContext.seccompProfile.type
 *   spec.containers[*].securityContext.seccompProfile.type
 *   spec.initContainers[*].securityContext.seccompProfile.type
 *   spec.ephemeralContainers[*].securityContext.seccompProfile.type
 * Allowed values: 'RuntimeDefault', 'Localhost'; a container may leave it undefined when
 *   the pod level sets an allowed one
 *
 * v1.19: replaces `seccompProfile_baseline` at the restricted level. v1.25: pods with
 * `spec.os.name: windows` are exempt.
 */
import { ALLOWED, allContainers, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";
import { SECCOMP_PROFILE_BASELINE_ID, validSeccompType } from "./seccomp-profile-baseline.js";

const seccompProfileRestrictedV1Dot19: CheckPodFunction = (_podMetadata, podSpec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  let podSeccompSet = false;
  const podProfile = podSpec.securityContext?.seccompProfile;
  if (podProfile) {
    if (validSeccompType(podProfile.type)) podSeccompSet = true;
    else {
      badSetters.push("pod");
      badValues.push(podProfile.type);
    }
  }
  const explicitlyBadContainers: string[] = [];
  const implicitlyBadContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile) {
      if (!validSeccompType(profile.type)) {
        explicitlyBadContainers.push(container.name);
        badValues.push(profile.type);
      }
    } else if (!podSeccompSet) {
      implicitlyBadContainers.push(container.name);
    }
  }
  if (explicitlyBadContainers.length > 0) {
    badSetters.push(`${pluralize("container", "containers", explicitlyBadContainers.length)} ${joinQuote(explicitlyBadContainers)}`);
  }
  if (badSetters.length > 0) {
    return {
      allowed: false,
      forbiddenReason: "seccompProfile",
      forbiddenDetail: `${badSetters.join(" and ")} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
    };
  }
  if (implicitlyBadContainers.length > 0) {
    return {
      allowed: false,
      forbiddenReason: "seccompProfile",
      forbiddenDetail: `pod or ${pluralize("container", "containers", implicitlyBadContainers.length)} ${joinQuote(implicitlyBadContainers)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    };
  }
  return ALLOWED;
};

const seccompProfileRestrictedV1Dot25: CheckPodFunction = (podMetadata, podSpec) =>
  podSpec.os?.name === "windows" ? ALLOWED : seccompProfileRestrictedV1Dot19(podMetadata, podSpec);

export const seccompProfileRestrictedCheck: Check = {
  id: "seccompProfile_restricted",
  level: "restricted",
  versions: [
    { minimumVersion: 19, checkPod: seccompProfileRestrictedV1Dot19, overrideCheckIds: [SECCOMP_PROFILE_BASELINE_ID] },
    { minimumVersion: 25, checkPod: seccompProfileRestrictedV1Dot25, overrideCheckIds: [SECCOMP_PROFILE_BASELINE_ID] },
  ],
};
