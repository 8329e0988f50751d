/**
 * Containers must drop ALL capabilities, and may only add back NET_BIND_SERVICE.
 *
 * Restricted fields:
 *   spec.containers[*].securityContext.capabilities.drop
 *   spec.initContainers[*].securityContext.capabilities.drop
 *   spec.ephemeralContainers[*].securityContext.capabilities.drop
 * Allowed values: must include "ALL"
 *
 * Restricted fields:
 *   spec.containers[*].securityContext.capabilities.add
 *   spec.initContainers[*].securityContext.capabilities.add
 *   spec.ephemeralContainers[*].securityContext.capabilities.add
 * Allowed values: undefined, empty, "NET_BIND_SERVICE"
 *
 * v1.22: replaces `capabilities_baseline` at the restricted level. v1.25: pods with
 * `spec.os.name: windows` are exempt.
 */
import { ALLOWED, allContainers, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";
import { CAPABILITIES_BASELINE_ID } from "./capabilities-baseline.js";

const capabilitiesRestrictedV1Dot22: CheckPodFunction = (_podMetadata, podSpec) => {
  const containersMissingDropAll: string[] = [];
  const containersAddingForbidden: string[] = [];
  const forbiddenCapabilities: string[] = [];
  for (const container of allContainers(podSpec)) {
    const capabilities = container.securityContext?.capabilities;
    if (capabilities === undefined) {
      containersMissingDropAll.push(container.name);
      continue;
    }
    if (!capabilities.drop.includes("ALL")) containersMissingDropAll.push(container.name);
    const forbidden = capabilities.add.filter((capability) => capability !== "NET_BIND_SERVICE");
    if (forbidden.length > 0) {
      containersAddingForbidden.push(container.name);
      forbiddenCapabilities.push(...forbidden);
    }
  }
  const forbiddenDetails: string[] = [];
  if (containersMissingDropAll.length > 0) {
    forbiddenDetails.push(
      `${pluralize("container", "containers", containersMissingDropAll.length)} ${joinQuote(containersMissingDropAll)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  }
  if (containersAddingForbidden.length > 0) {
    forbiddenDetails.push(
      `${pluralize("container", "containers", containersAddingForbidden.length)} ${joinQuote(containersAddingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCapabilities))} in securityContext.capabilities.add`,
    );
  }
  if (forbiddenDetails.length === 0) return ALLOWED;
  return { allowed: false, forbiddenReason: "unrestricted capabilities", forbiddenDetail: forbiddenDetails.join("; ") };
};

const capabilitiesRestrictedV1Dot25: CheckPodFunction = (podMetadata, podSpec) =>
  podSpec.os?.name === "windows" ? ALLOWED : capabilitiesRestrictedV1Dot22(podMetadata, podSpec);

export const capabilitiesRestrictedCheck: Check = {
  id: "capabilities_restricted",
  level: "restricted",
  versions: [
    { minimumVersion: 22, checkPod: capabilitiesRestrictedV1Dot22, overrideCheckIds: [CAPABILITIES_BASELINE_ID] },
    { minimumVersion: 25, checkPod: capabilitiesRestrictedV1Dot25, overrideCheckIds: [CAPABILITIES_BASELINE_ID] },
  ],
};
