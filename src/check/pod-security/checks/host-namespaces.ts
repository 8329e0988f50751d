/**
 * Sharing the host network, PID and IPC namespaces must be disallowed.
 *
 * Restricted fields:
 *   spec.hostNetwork
 *   spec.hostPID
 *   spec.hostIPC
 * Allowed values: undefined, false
 */
import { ALLOWED, type Check, type CheckPodFunction } from "../check.js";

const hostNamespacesV1Dot0: CheckPodFunction = (_podMetadata, podSpec) => {
  const hostNamespaces: string[] = [];
  if (podSpec.hostNetwork) hostNamespaces.push("hostNetwork=true");
  if (podSpec.hostPID) hostNamespaces.push("hostPID=true");
  if (podSpec.hostIPC) hostNamespaces.push("hostIPC=true");
  if (hostNamespaces.length === 0) return ALLOWED;
  return { allowed: false, forbiddenReason: "host namespaces", forbiddenDetail: hostNamespaces.join(", ") };
};

export const hostNamespacesCheck: Check = {
  id: "hostNamespaces",
  level: "baseline",
  versions: [{ minimumVersion: 0, checkPod: hostNamespacesV1Dot0 }],
};
