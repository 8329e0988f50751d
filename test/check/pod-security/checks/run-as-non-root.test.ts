import { runAsNonRootCheck } from "../../../../src/check/pod-security/checks/run-as-non-root.js";
import { container, describeCheckVersion, type CheckCase } from "./check-table.js";

const reason = "runAsNonRoot != true";
const cases: CheckCase[] = [
  { name: "no explicit runAsNonRoot", spec: { containers: [container("a")] }, reason, detail: 'pod or container "a" must set securityContext.runAsNonRoot=true' },
  { name: "pod runAsNonRoot=false", spec: { securityContext: { runAsNonRoot: false }, containers: [container("a")] }, reason, detail: "pod must not set securityContext.runAsNonRoot=false" },
  {
    name: "containers runAsNonRoot=false",
    spec: {
      securityContext: { runAsNonRoot: true },
      containers: [
        container("a"),
        container("b", {}),
        container("c", { runAsNonRoot: false }),
        container("d", { runAsNonRoot: false }),
        container("e", { runAsNonRoot: true }),
        container("f", { runAsNonRoot: true }),
      ],
    },
    reason,
    detail: 'containers "c", "d" must not set securityContext.runAsNonRoot=false',
  },
  {
    name: "pod nil, container fallthrough",
    spec: { containers: [container("a"), container("b", {}), container("d", { runAsNonRoot: true }), container("e", { runAsNonRoot: true })] },
    reason,
    detail: 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true',
  },
  {
    name: "pod and container explicitly false",
    spec: { securityContext: { runAsNonRoot: false }, containers: [container("a", { runAsNonRoot: false })] },
    reason,
    detail: 'pod and container "a" must not set securityContext.runAsNonRoot=false',
  },
];

describeCheckVersion(runAsNonRootCheck, 0, [
  ...cases,
  { name: "host users false is not relaxed before v1.35", spec: { hostUsers: false, containers: [container("a")] }, reason, detail: 'pod or container "a" must set securityContext.runAsNonRoot=true' },
]);
describeCheckVersion(runAsNonRootCheck, 35, [...cases, { name: "host users false allowed", spec: { hostUsers: false } }]);
