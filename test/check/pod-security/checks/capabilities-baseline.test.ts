import { capabilitiesBaselineCheck } from "../../../../src/check/pod-security/checks/capabilities-baseline.js";
import { container, describeCheckVersion } from "./check-table.js";

describeCheckVersion(capabilitiesBaselineCheck, 0, [
  {
    name: "multiple containers",
    spec: { containers: [container("a", { capabilities: { add: ["FOO", "BAR"] } }), container("b", { capabilities: { add: ["BAR", "BAZ"] } })] },
    reason: "non-default capabilities",
    detail: 'containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add',
  },
  { name: "the default set only", spec: { containers: [container("a", { capabilities: { add: ["CHOWN", "NET_BIND_SERVICE", "SYS_CHROOT"] } })] } },
  {
    name: "one container adding NET_RAW",
    spec: { containers: [container("api", { capabilities: { add: ["NET_RAW"] } })] },
    reason: "non-default capabilities",
    detail: 'container "api" must not include "NET_RAW" in securityContext.capabilities.add',
  },
]);
