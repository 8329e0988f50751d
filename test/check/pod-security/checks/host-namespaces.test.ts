import { hostNamespacesCheck } from "../../../../src/check/pod-security/checks/host-namespaces.js";
import { describeCheckVersion } from "./check-table.js";

describeCheckVersion(hostNamespacesCheck, 0, [
  { name: "multiple host namespaces", spec: { hostNetwork: true, hostIPC: true, hostPID: true }, reason: "host namespaces", detail: "hostNetwork=true, hostPID=true, hostIPC=true" },
  { name: "host network only", spec: { hostNetwork: true }, reason: "host namespaces", detail: "hostNetwork=true" },
  { name: "all false", spec: { hostNetwork: false, hostIPC: false, hostPID: false } },
  { name: "a string is not true (wrong type is read as unset)", spec: { hostNetwork: "true" } },
]);
