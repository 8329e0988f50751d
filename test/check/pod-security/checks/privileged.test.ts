import { privilegedCheck } from "../../../../src/check/pod-security/checks/privileged.js";
import { container, describeCheckVersion } from "./check-table.js";

describeCheckVersion(privilegedCheck, 0, [
  {
    name: "privileged",
    spec: {
      containers: [
        container("a"),
        container("b", {}),
        container("c", { privileged: false }),
        container("d", { privileged: true }),
        container("e", { privileged: true }),
      ],
    },
    reason: "privileged",
    detail: 'containers "d", "e" must not set securityContext.privileged=true',
  },
  { name: "ephemeral container", spec: { ephemeralContainers: [container("debug", { privileged: true })] }, reason: "privileged", detail: 'container "debug" must not set securityContext.privileged=true' },
]);
