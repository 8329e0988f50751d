import { procMountBaselineCheck } from "../../../../src/check/pod-security/checks/proc-mount-baseline.js";
import { container, describeCheckVersion } from "./check-table.js";

const containers = [
  container("a"),
  container("b", {}),
  container("c", { procMount: "Default" }),
  container("d", { procMount: "Unmasked" }),
  container("e", { procMount: "other" }),
];
const forbidden = { reason: "procMount", detail: 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"' };

describeCheckVersion(procMountBaselineCheck, 0, [
  { name: "procMount", spec: { containers, hostUsers: true }, ...forbidden },
  { name: "procMount with userns (v1.0 ignores user namespaces)", spec: { containers, hostUsers: false }, ...forbidden },
]);

describeCheckVersion(procMountBaselineCheck, 35, [
  { name: "procMount", spec: { containers, hostUsers: true }, ...forbidden },
  { name: "procMount with userns", spec: { containers, hostUsers: false } },
]);
