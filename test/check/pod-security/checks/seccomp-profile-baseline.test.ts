import { seccompProfileBaselineCheck } from "../../../../src/check/pod-security/checks/seccomp-profile-baseline.js";
import { container, describeCheckVersion } from "./check-table.js";

const reason = "seccompProfile";
const profile = (type: string) => ({ seccompProfile: { type } });
const containers = [container("a"), container("b", {}), container("c", profile("Unconfined")), container("d", profile("Unconfined")), container("e", profile("RuntimeDefault")), container("f", profile("RuntimeDefault"))];

describeCheckVersion(seccompProfileBaselineCheck, 0, [
  {
    name: "pod seccomp invalid",
    metadata: { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" } },
    spec: {},
    reason,
    detail: 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"',
  },
  {
    name: "containers seccomp invalid",
    metadata: { annotations: { "container.seccomp.security.alpha.kubernetes.io/a": "unconfined", "container.seccomp.security.alpha.kubernetes.io/b": "unknown" } },
    spec: { containers: [container("a"), container("b"), container("c")] },
    reason,
    detail: 'forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", container.seccomp.security.alpha.kubernetes.io/b="unknown"',
  },
  {
    name: "pod and containers seccomp invalid",
    metadata: {
      annotations: {
        "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
        "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
        "container.seccomp.security.alpha.kubernetes.io/b": "unknown",
      },
    },
    spec: { containers: [container("a"), container("b"), container("c")] },
    reason,
    detail:
      'forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", container.seccomp.security.alpha.kubernetes.io/b="unknown", seccomp.security.alpha.kubernetes.io/pod="unconfined"',
  },
  { name: "docker/default and localhost profiles", metadata: { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "docker/default", "container.seccomp.security.alpha.kubernetes.io/a": "localhost/x" } }, spec: { containers: [container("a")] } },
  { name: "the field is not checked before v1.19", spec: profile("Unconfined") },
]);

describeCheckVersion(seccompProfileBaselineCheck, 19, [
  { name: "pod seccomp invalid", spec: { securityContext: profile("Unconfined"), containers: [container("a")] }, reason, detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"' },
  { name: "containers seccomp invalid", spec: { securityContext: profile("RuntimeDefault"), containers }, reason, detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"' },
  {
    name: "pod and containers seccomp invalid",
    spec: { securityContext: profile("Unconfined"), containers },
    reason,
    detail: 'pod and containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"',
  },
  { name: "annotations are not checked from v1.19", metadata: { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" } }, spec: {} },
]);
