import { procMountRestrictedCheck } from "../../../../src/check/pod-security/checks/proc-mount-restricted.js";
import { container, describeCheckVersion } from "./check-table.js";

const containers = [
  container("a"),
  container("b", {}),
  container("c", { procMount: "Default" }),
  container("d", { procMount: "Unmasked" }),
  container("e", { procMount: "other" }),
];
const forbidden = { reason: "procMount", detail: 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"' };

describeCheckVersion(procMountRestrictedCheck, 35, [
  { name: "procMount, hostUsers true", spec: { containers, hostUsers: true }, ...forbidden },
  { name: "procMount, hostUsers false", spec: { containers, hostUsers: false }, ...forbidden },
]);
