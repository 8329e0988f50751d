/**
 * Host ports must be forbidden.
 *
 * Restricted fields:
 *   spec.containers[*].ports[*].hostPort
 *   spec.initContainers[*].ports[*].hostPort
 *   spec.ephemeralContainers[*].ports[*].hostPort
 * Allowed values: undefined, 0
 */
import { ALLOWED, allContainers, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";

const hostPortsV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const forbiddenHostPorts: string[] = [];
  for (const container of allContainers(podSpec)) {
    const hostPorts = container.ports.filter((port) => port.hostPort !== 0).map((port) => String(port.hostPort));
    if (hostPorts.length > 0) {
      badContainers.push(container.name);
      forbiddenHostPorts.push(...hostPorts);
    }
  }
  if (badContainers.length === 0) return ALLOWED;
  // Upstream sorts the ports as strings ("8080" before "9"), and so does this.
  const ports = sortedSet(forbiddenHostPorts);
  return {
    allowed: false,
    forbiddenReason: "hostPort",
    forbiddenDetail: `${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)} ${pluralize("uses", "use", badContainers.length)} ${pluralize("hostPort", "hostPorts", ports.length)} ${ports.join(", ")}`,
  };
};

export const hostPortsCheck: Check = {
  id: "hostPorts",
  level: "baseline",
  versions: [{ minimumVersion: 0, checkPod: hostPortsV1Dot0 }],
};
