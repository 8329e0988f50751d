import { runAsUserCheck } from "../../../../src/check/pod-security/checks/run-as-user.js";
import { container, describeCheckVersion, type CheckCase } from "./check-table.js";

const reason = "runAsUser=0";
const cases: CheckCase[] = [
  { name: "pod runAsUser=0", spec: { securityContext: { runAsUser: 0 }, containers: [container("a")] }, reason, detail: "pod must not set runAsUser=0" },
  { name: "pod runAsUser=non-zero", spec: { securityContext: { runAsUser: 1000 }, containers: [container("a")] } },
  { name: "pod runAsUser=nil", spec: { securityContext: {}, containers: [container("a")] } },
  {
    name: "containers runAsUser=0",
    spec: {
      securityContext: { runAsUser: 1000 },
      containers: [container("a"), container("b", {}), container("c", { runAsUser: 0 }), container("d", { runAsUser: 0 }), container("e", { runAsUser: 1 }), container("f", { runAsUser: 1 })],
    },
    reason,
    detail: 'containers "c", "d" must not set runAsUser=0',
  },
  {
    name: "containers runAsUser=non-zero",
    spec: { containers: [container("c", { runAsUser: 1 }), container("d", { runAsUser: 2 }), container("e", { runAsUser: 3 }), container("f", { runAsUser: 4 })] },
  },
];

describeCheckVersion(runAsUserCheck, 23, [
  ...cases,
  { name: "host users false is not relaxed before v1.35", spec: { hostUsers: false, securityContext: { runAsUser: 0 } }, reason, detail: "pod must not set runAsUser=0" },
]);
describeCheckVersion(runAsUserCheck, 35, [...cases, { name: "host users false allowed", spec: { hostUsers: false, securityContext: { runAsUser: 0 } } }]);
