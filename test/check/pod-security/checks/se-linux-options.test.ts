import { seLinuxOptionsCheck } from "../../../../src/check/pod-security/checks/se-linux-options.js";
import { container, describeCheckVersion } from "./check-table.js";

const selinux = (options: Record<string, string>) => ({ seLinuxOptions: options });
const allowedContainers = [
  container("a", selinux({ type: "container_t" })),
  container("b", selinux({ type: "container_init_t" })),
  container("c", selinux({ type: "container_kvm_t" })),
  container("d", selinux({ type: "container_engine_t" })),
];
const badContainers = [container("e", selinux({ type: "bar" })), container("f", selinux({ user: "bar" })), container("g", selinux({ role: "baz" }))];
const badPod = { seLinuxOptions: { type: "foo", user: "bar", role: "baz" } };
const reason = "seLinuxOptions";

describeCheckVersion(seLinuxOptionsCheck, 31, [
  {
    name: "invalid pod and containers",
    spec: { securityContext: badPod, containers: [...allowedContainers, ...badContainers] },
    reason,
    detail: 'pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set',
  },
  {
    name: "invalid pod",
    spec: { securityContext: badPod, containers: allowedContainers },
    reason,
    detail: 'pod set forbidden securityContext.seLinuxOptions: type "foo"; user may not be set; role may not be set',
  },
  {
    name: "invalid containers",
    spec: { securityContext: { seLinuxOptions: {} }, containers: [...allowedContainers, ...badContainers] },
    reason,
    detail: 'containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: type "bar"; user may not be set; role may not be set',
  },
  { name: "bad type", spec: { securityContext: { seLinuxOptions: { type: "bad" } } }, reason, detail: 'pod set forbidden securityContext.seLinuxOptions: type "bad"' },
  { name: "bad user", spec: { securityContext: { seLinuxOptions: { user: "bad" } } }, reason, detail: "pod set forbidden securityContext.seLinuxOptions: user may not be set" },
  { name: "bad role", spec: { securityContext: { seLinuxOptions: { role: "bad" } } }, reason, detail: "pod set forbidden securityContext.seLinuxOptions: role may not be set" },
]);

describeCheckVersion(seLinuxOptionsCheck, 0, [
  {
    name: "container_engine_t before v1.31",
    spec: { containers: allowedContainers },
    reason,
    detail: 'container "d" set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
  },
  { name: "level may be set", spec: { securityContext: { seLinuxOptions: { level: "s0:c123,c456" } } } },
]);
