/**
 * Windows HostProcess containers have privileged access to the Windows node and must be disallowed.
 *
 * Restricted fields:
 *   spec.securityContext.windowsOptions.hostProcess
 *   spec.containers[*].securityContext.windowsOptions.hostProcess
 *   spec.initContainers[*].securityContext.windowsOptions.hostProcess
 *   spec.ephemeralContainers[*].securityContext.windowsOptions.hostProcess
 * Allowed values: undefined, false
 */
import { ALLOWED, allContainers, joinQuote, pluralize, type Check, type CheckPodFunction } from "../check.js";

const windowsHostProcessV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  for (const container of allContainers(podSpec)) {
    if (container.securityContext?.windowsOptions?.hostProcess === true) badContainers.push(container.name);
  }
  const forbiddenSetters: string[] = [];
  if (podSpec.securityContext?.windowsOptions?.hostProcess === true) forbiddenSetters.push("pod");
  if (badContainers.length > 0) {
    forbiddenSetters.push(`${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)}`);
  }
  if (forbiddenSetters.length === 0) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: "hostProcess",
    forbiddenDetail: `${forbiddenSetters.join(" and ")} must not set securityContext.windowsOptions.hostProcess=true`,
  };
};

export const windowsHostProcessCheck: Check = {
  id: "windowsHostProcess",
  level: "baseline",
  versions: [{ minimumVersion: 0, checkPod: windowsHostProcessV1Dot0 }],
};
