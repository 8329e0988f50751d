/**
 * Sysctls can disable security mechanisms or affect every container on a host; only a
 * "safe" subset, namespaced in the pod and isolated from other pods, is allowed.
 *
 * Restricted fields:
 *   spec.securityContext.sysctls[*].name
 * Allowed values:
 *   v1.0: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies,
 *         net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start
 *   v1.27 adds net.ipv4.ip_local_reserved_ports
 *   v1.29 adds net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout,
 *         net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes
 *   v1.32 adds net.ipv4.tcp_rmem, net.ipv4.tcp_wmem
 *   v1.37 adds net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat
 */
import { ALLOWED, type Check, type CheckPodFunction } from "../check.js";

const ALLOWED_V1_DOT_0: readonly string[] = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
];
const ALLOWED_V1_DOT_27 = [...ALLOWED_V1_DOT_0, "net.ipv4.ip_local_reserved_ports"];
const ALLOWED_V1_DOT_29 = [
  ...ALLOWED_V1_DOT_27,
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
];
const ALLOWED_V1_DOT_32 = [...ALLOWED_V1_DOT_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"];
const ALLOWED_V1_DOT_37 = [...ALLOWED_V1_DOT_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"];

function sysctls(allowedNames: readonly string[]): CheckPodFunction {
  const allowed = new Set(allowedNames);
  return (_podMetadata, podSpec) => {
    // Upstream keeps the pod's order and repeats: the detail lists names as written.
    const forbidden = (podSpec.securityContext?.sysctls ?? []).map((sysctl) => sysctl.name).filter((name) => !allowed.has(name));
    if (forbidden.length === 0) return ALLOWED;
    return { allowed: false, forbiddenReason: "forbidden sysctls", forbiddenDetail: forbidden.join(", ") };
  };
}

export const sysctlsCheck: Check = {
  id: "sysctls",
  level: "baseline",
  versions: [
    { minimumVersion: 0, checkPod: sysctls(ALLOWED_V1_DOT_0) },
    { minimumVersion: 27, checkPod: sysctls(ALLOWED_V1_DOT_27) },
    { minimumVersion: 29, checkPod: sysctls(ALLOWED_V1_DOT_29) },
    { minimumVersion: 32, checkPod: sysctls(ALLOWED_V1_DOT_32) },
    { minimumVersion: 37, checkPod: sysctls(ALLOWED_V1_DOT_37) },
  ],
};
