/**
 * Probes and lifecycle handlers must not target another host than the pod's own.
 *
 * Restricted fields (for containers, initContainers and ephemeralContainers):
 *   livenessProbe.httpGet.host, readinessProbe.httpGet.host, startupProbe.httpGet.host
 *   livenessProbe.tcpSocket.host, readinessProbe.tcpSocket.host, startupProbe.tcpSocket.host
 *   lifecycle.postStart.httpGet.host, lifecycle.preStop.httpGet.host
 *   lifecycle.postStart.tcpSocket.host, lifecycle.preStop.tcpSocket.host (deprecated handler)
 * Allowed values: "", undefined
 *
 * v1.34: new in that policy version.
 */
import { ALLOWED, allContainers, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";
import type { HostHandler } from "../pod-spec.js";

function forbiddenHosts(handler: HostHandler | undefined): string[] {
  if (handler === undefined) return [];
  return [handler.httpGet?.host ?? "", handler.tcpSocket?.host ?? ""].filter((host) => host !== "");
}

const hostProbesAndHostLifecycleV1Dot34: CheckPodFunction = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const forbidden: string[] = [];
  for (const container of allContainers(podSpec)) {
    const handlers = [
      container.livenessProbe,
      container.readinessProbe,
      container.startupProbe,
      container.lifecycle?.postStart,
      container.lifecycle?.preStop,
    ];
    const hosts = handlers.flatMap(forbiddenHosts);
    if (hosts.length > 0) {
      badContainers.push(container.name);
      forbidden.push(...hosts);
    }
  }
  if (badContainers.length === 0) return ALLOWED;
  // Upstream collects both lists in sets: names and hosts come out sorted and distinct.
  const containers = sortedSet(badContainers);
  const hosts = sortedSet(forbidden);
  return {
    allowed: false,
    forbiddenReason: "probe or lifecycle host",
    forbiddenDetail: `${pluralize("container", "containers", containers.length)} ${joinQuote(containers)} ${pluralize("uses", "use", containers.length)} ${pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.length)} ${joinQuote(hosts)}`,
  };
};

export const hostProbesAndHostLifecycleCheck: Check = {
  id: "hostProbesAndHostLifecycle",
  level: "baseline",
  versions: [{ minimumVersion: 34, checkPod: hostProbesAndHostLifecycleV1Dot34 }],
};
