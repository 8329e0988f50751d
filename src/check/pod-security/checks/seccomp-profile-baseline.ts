/**
 * If a seccomp profile is set, it must be the runtime default or a local profile.
 *
 * v1.0 to v1.18, restricted fields:
 *   metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']
 *   metadata.annotations['container.seccomp.security.alpha.kubernetes.io/*']
 * Allowed values: 'runtime/default', 'docker/default', 'localhost/*', undefined
 *
 * v1.19 on, restricted fields:
 *   spec.securityContext.seccompProfile.type
 *   spec.containers[*].securityContext.seccompProfile.type
 *   spec.initContainers[*].securityContext.seccompProfile.type
 *   spec.ephemeralContainers[*].securityContext.seccompProfile.type
 * Allowed values: 'RuntimeDefault', 'Localhost', undefined
 */
import { ALLOWED, allContainers, goQuote, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";

export const SECCOMP_PROFILE_BASELINE_ID = "seccompProfile_baseline";

const ANNOTATION_KEY_POD = "seccomp.security.alpha.kubernetes.io/pod";
const ANNOTATION_KEY_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

export function validSeccompType(type: string): boolean {
  return type === "Localhost" || type === "RuntimeDefault";
}

function validSeccompAnnotationValue(value: string): boolean {
  return value === "runtime/default" || value === "docker/default" || value.startsWith("localhost/");
}

const seccompProfileBaselineV1Dot0: CheckPodFunction = (podMetadata, podSpec) => {
  const forbidden: string[] = [];
  const annotations = podMetadata.annotations;
  const podValue = Object.hasOwn(annotations, ANNOTATION_KEY_POD) ? annotations[ANNOTATION_KEY_POD] : undefined;
  if (podValue !== undefined && !validSeccompAnnotationValue(podValue)) {
    forbidden.push(`${ANNOTATION_KEY_POD}=${goQuote(podValue)}`);
  }
  for (const container of allContainers(podSpec)) {
    const key = ANNOTATION_KEY_CONTAINER_PREFIX + container.name;
    const value = Object.hasOwn(annotations, key) ? annotations[key] : undefined;
    if (value !== undefined && !validSeccompAnnotationValue(value)) forbidden.push(`${key}=${goQuote(value)}`);
  }
  if (forbidden.length === 0) return ALLOWED;
  const list = sortedSet(forbidden);
  return {
    allowed: false,
    forbiddenReason: "seccompProfile",
    forbiddenDetail: `forbidden ${pluralize("annotation", "annotations", list.length)} ${list.join(", ")}`,
  };
};

const seccompProfileBaselineV1Dot19: CheckPodFunction = (_podMetadata, podSpec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = podSpec.securityContext?.seccompProfile;
  if (podProfile && !validSeccompType(podProfile.type)) {
    badSetters.push("pod");
    badValues.push(podProfile.type);
  }
  const badContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile && !validSeccompType(profile.type)) {
      badContainers.push(container.name);
      badValues.push(profile.type);
    }
  }
  if (badContainers.length > 0) {
    badSetters.push(`${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)}`);
  }
  if (badSetters.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: "seccompProfile",
    forbiddenDetail: `${badSetters.join(" and ")} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
  };
};

export const seccompProfileBaselineCheck: Check = {
  id: SECCOMP_PROFILE_BASELINE_ID,
  level: "baseline",
  versions: [
    { minimumVersion: 0, checkPod: seccompProfileBaselineV1Dot0 },
    { minimumVersion: 19, checkPod: seccompProfileBaselineV1Dot19 },
  ],
};
