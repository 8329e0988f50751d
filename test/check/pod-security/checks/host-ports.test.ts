import { hostPortsCheck } from "../../../../src/check/pod-security/checks/host-ports.js";
import { describeCheckVersion } from "./check-table.js";

describeCheckVersion(hostPortsCheck, 0, [
  {
    name: "one container, one host port",
    spec: { containers: [{ name: "a", ports: [{ hostPort: 0 }] }, { name: "b", ports: [{ hostPort: 0 }, { hostPort: 20 }] }] },
    reason: "hostPort",
    detail: 'container "b" uses hostPort 20',
  },
  {
    name: "multiple containers, multiple host port",
    spec: {
      containers: [
        { name: "a", ports: [{ hostPort: 0 }] },
        { name: "b", ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 20 }] },
        { name: "c", ports: [{ hostPort: 0 }, { hostPort: 10 }, { hostPort: 30 }] },
      ],
    },
    reason: "hostPort",
    detail: 'containers "b", "c" use hostPorts 10, 20, 30',
  },
  { name: "the issue's example", spec: { containers: [{ name: "api", ports: [{ containerPort: 8080, hostPort: 8080 }] }] }, reason: "hostPort", detail: 'container "api" uses hostPort 8080' },
  {
    name: "ports sorted as strings, as upstream does",
    spec: { containers: [{ name: "a", ports: [{ hostPort: 9 }, { hostPort: 8080 }] }] },
    reason: "hostPort",
    detail: 'container "a" uses hostPorts 8080, 9',
  },
  { name: "container ports only", spec: { containers: [{ name: "a", ports: [{ containerPort: 8080 }] }] } },
]);
