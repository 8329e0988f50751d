import { windowsHostProcessCheck } from "../../../../src/check/pod-security/checks/windows-host-process.js";
import { container, describeCheckVersion } from "./check-table.js";

describeCheckVersion(windowsHostProcessCheck, 0, [
  {
    name: "host process",
    spec: {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        container("a"),
        container("b", {}),
        container("c", { windowsOptions: {} }),
        container("d", { windowsOptions: { hostProcess: false } }),
        container("e", { windowsOptions: { hostProcess: true } }),
        container("f", { windowsOptions: { hostProcess: true } }),
      ],
    },
    reason: "hostProcess",
    detail: 'pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true',
  },
  { name: "hostProcess false everywhere", spec: { securityContext: { windowsOptions: { hostProcess: false } }, containers: [container("a", { windowsOptions: { hostProcess: false } })] } },
]);
