import { capabilitiesRestrictedCheck } from "../../../../src/check/pod-security/checks/capabilities-restricted.js";
import { container, describeCheckVersion, type CheckCase } from "./check-table.js";

const multiple: CheckCase = {
  name: "multiple containers",
  spec: {
    containers: [
      container("a", { capabilities: { add: ["FOO", "BAR"] } }),
      container("b", { capabilities: { add: ["BAR", "BAZ"] } }),
      container("c", { capabilities: { add: ["NET_BIND_SERVICE", "CHOWN"], drop: ["ALL", "FOO"] } }),
    ],
  },
  reason: "unrestricted capabilities",
  detail: 'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
};

describeCheckVersion(capabilitiesRestrictedCheck, 22, [multiple]);

describeCheckVersion(capabilitiesRestrictedCheck, 25, [
  multiple,
  { name: "windows pod, admit without checking capabilities", spec: { os: { name: "windows" }, containers: [container("a")] } },
  {
    name: "linux pod, reject if security context is not set",
    spec: { os: { name: "linux" }, containers: [container("a")] },
    reason: "unrestricted capabilities",
    detail: 'container "a" must set securityContext.capabilities.drop=["ALL"]',
  },
  { name: "drop ALL, add NET_BIND_SERVICE", spec: { containers: [container("a", { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } })] } },
]);
