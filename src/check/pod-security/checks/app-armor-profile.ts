/**
 * The default AppArmor profile must not be overridden or disabled, except by a local profile.
 *
 * Restricted fields:
 *   metadata.annotations['container.apparmor.security.beta.kubernetes.io/*']
 * Allowed values: 'runtime/default', 'localhost/*', empty, undefined
 *
 * Restricted fields:
 *   spec.securityContext.appArmorProfile.type
 *   spec.containers[*].securityContext.appArmorProfile.type
 *   spec.initContainers[*].securityContext.appArmorProfile.type
 *   spec.ephemeralContainers[*].securityContext.appArmorProfile.type
 * Allowed values: 'RuntimeDefault', 'Localhost', undefined
 *
 * The fields came after v1.0, but upstream checks them in v1.0 too: a pod that sets them
 * was never valid under an older policy's intent.
 */
import { ALLOWED, allContainers, goQuote, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";

const ANNOTATION_KEY_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

function allowedAnnotationValue(profile: string): boolean {
  return profile.length === 0 || profile === "runtime/default" || profile.startsWith("localhost/");
}

function allowedProfileType(type: string): boolean {
  return type === "RuntimeDefault" || type === "Localhost";
}

const appArmorProfileV1Dot0: CheckPodFunction = (podMetadata, podSpec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = podSpec.securityContext?.appArmorProfile;
  if (podProfile && !allowedProfileType(podProfile.type)) {
    badSetters.push("pod");
    badValues.push(podProfile.type);
  }
  const badContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    const profile = container.securityContext?.appArmorProfile;
    if (profile && !allowedProfileType(profile.type)) {
      badContainers.push(container.name);
      badValues.push(profile.type);
    }
  }
  if (badContainers.length > 0) {
    badSetters.push(`${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)}`);
  }
  const forbiddenAnnotations = Object.entries(podMetadata.annotations)
    .filter(([key, value]) => key.startsWith(ANNOTATION_KEY_PREFIX) && !allowedAnnotationValue(value))
    .map(([key, value]) => `${key}=${goQuote(value)}`);
  const badValueList = sortedSet(badValues);
  if (forbiddenAnnotations.length > 0) {
    badValueList.push(...sortedSet(forbiddenAnnotations));
    badSetters.push(pluralize("annotation", "annotations", forbiddenAnnotations.length));
  }
  if (badSetters.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", badValueList.length),
    forbiddenDetail: `${badSetters.join(" and ")} must not set AppArmor profile type to ${joinQuote(badValueList)}`,
  };
};

export const appArmorProfileCheck: Check = {
  id: "appArmorProfile",
  level: "baseline",
  versions: [{ minimumVersion: 0, checkPod: appArmorProfileV1Dot0 }],
};
