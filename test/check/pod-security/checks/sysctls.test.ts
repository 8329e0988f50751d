import { sysctlsCheck } from "../../../../src/check/pod-security/checks/sysctls.js";
import { describeCheckVersion, type CheckCase } from "./check-table.js";

const withSysctls = (...names: string[]) => ({ securityContext: { sysctls: names.map((name) => ({ name, value: "1" })) } });
const forbidden = (name: string): CheckCase => ({ name: `not yet allowed: ${name}`, spec: withSysctls(name), reason: "forbidden sysctls", detail: name });
const allowed = (name: string): CheckCase => ({ name: `allowed: ${name}`, spec: withSysctls(name) });
const unsafe: CheckCase = { name: "forbidden sysctls", spec: withSysctls("a", "b"), reason: "forbidden sysctls", detail: "a, b" };

const V1_DOT_27 = ["net.ipv4.ip_local_reserved_ports"];
const V1_DOT_29 = ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"];
const V1_DOT_32 = ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"];
const V1_DOT_37 = ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"];

describeCheckVersion(sysctlsCheck, 0, [unsafe, allowed("kernel.shm_rmid_forced"), ...[...V1_DOT_27, ...V1_DOT_29, ...V1_DOT_32].map(forbidden)]);
describeCheckVersion(sysctlsCheck, 27, [unsafe, ...V1_DOT_27.map(allowed), ...V1_DOT_29.map(forbidden)]);
describeCheckVersion(sysctlsCheck, 29, [unsafe, ...V1_DOT_29.map(allowed), ...V1_DOT_32.map(forbidden)]);
describeCheckVersion(sysctlsCheck, 32, [unsafe, ...V1_DOT_32.map(allowed), ...V1_DOT_37.map(forbidden)]);
describeCheckVersion(sysctlsCheck, 37, [
  unsafe,
  ...V1_DOT_37.map(allowed),
  { name: "names kept in the pod's order, repeats included", spec: withSysctls("z", "kernel.shm_rmid_forced", "a", "z"), reason: "forbidden sysctls", detail: "z, a, z" },
]);
