import { seccompProfileRestrictedCheck } from "../../../../src/check/pod-security/checks/seccomp-profile-restricted.js";
import { container, describeCheckVersion, type CheckCase } from "./check-table.js";

const reason = "seccompProfile";
const profile = (type: string) => ({ seccompProfile: { type } });
const cases: CheckCase[] = [
  { name: "no explicit seccomp", spec: { containers: [container("a")] }, reason, detail: 'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"' },
  { name: "pod seccomp invalid", spec: { securityContext: profile("Unconfined"), containers: [container("a")] }, reason, detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"' },
  {
    name: "containers seccomp invalid",
    spec: {
      securityContext: profile("RuntimeDefault"),
      containers: [container("a"), container("b", {}), container("c", profile("Unconfined")), container("d", profile("Unconfined")), container("e", profile("RuntimeDefault")), container("f", profile("RuntimeDefault"))],
    },
    reason,
    detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"',
  },
  {
    name: "pod nil, container fallthrough",
    spec: { containers: [container("a"), container("b", {}), container("d", profile("RuntimeDefault")), container("e", profile("RuntimeDefault"))] },
    reason,
    detail: 'pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
  },
];

describeCheckVersion(seccompProfileRestrictedCheck, 19, cases);
describeCheckVersion(seccompProfileRestrictedCheck, 25, [
  ...cases,
  { name: "no explicit seccomp, windows Pod", spec: { os: { name: "windows" }, containers: [container("a")] } },
  {
    name: "no explicit seccomp, linux pod",
    spec: { os: { name: "linux" }, containers: [container("a")] },
    reason,
    detail: 'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
  },
]);
