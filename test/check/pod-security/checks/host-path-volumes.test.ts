import { hostPathVolumesCheck } from "../../../../src/check/pod-security/checks/host-path-volumes.js";
import { describeCheckVersion } from "./check-table.js";

describeCheckVersion(hostPathVolumesCheck, 0, [
  {
    name: "host path volumes",
    spec: { volumes: [{ name: "a", hostPath: {} }, { name: "b", hostPath: {} }, { name: "c", emptyDir: {} }] },
    reason: "hostPath volumes",
    detail: 'volumes "a", "b"',
  },
  { name: "one host path volume", spec: { volumes: [{ name: "docker-sock", hostPath: { path: "/var/run/docker.sock" } }] }, reason: "hostPath volumes", detail: 'volume "docker-sock"' },
  { name: "hostPath: null is unset", spec: { volumes: [{ name: "a", hostPath: null, emptyDir: {} }] } },
]);
