import { allowPrivilegeEscalationCheck } from "../../../../src/check/pod-security/checks/allow-privilege-escalation.js";
import { container, describeCheckVersion } from "./check-table.js";

const mixed = [container("a"), container("b", {}), container("c", { allowPrivilegeEscalation: true }), container("d", { allowPrivilegeEscalation: false })];

describeCheckVersion(allowPrivilegeEscalationCheck, 8, [
  {
    name: "multiple containers",
    spec: { containers: mixed },
    reason: "allowPrivilegeEscalation != false",
    detail: 'containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false',
  },
  { name: "a windows pod (not exempt before v1.25)", spec: { os: { name: "windows" }, containers: [container("a")] }, reason: "allowPrivilegeEscalation != false", detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false' },
]);

describeCheckVersion(allowPrivilegeEscalationCheck, 25, [
  {
    name: "multiple containers",
    spec: { containers: mixed },
    reason: "allowPrivilegeEscalation != false",
    detail: 'containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false',
  },
  { name: "windows pod, admit without checking privilegeEscalation", spec: { os: { name: "windows" }, containers: [container("a")] } },
  {
    name: "linux pod, reject if security context is not set",
    spec: { os: { name: "linux" }, containers: [container("a")] },
    reason: "allowPrivilegeEscalation != false",
    detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false',
  },
  {
    name: "init, regular and ephemeral containers, in upstream's visiting order",
    spec: { containers: [container("app")], initContainers: [container("init")], ephemeralContainers: [container("debug")] },
    reason: "allowPrivilegeEscalation != false",
    detail: 'containers "init", "app", "debug" must set securityContext.allowPrivilegeEscalation=false',
  },
]);
