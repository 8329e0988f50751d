import { appArmorProfileCheck } from "../../../../src/check/pod-security/checks/app-armor-profile.js";
import { describeCheckVersion } from "./check-table.js";

const PREFIX = "container.apparmor.security.beta.kubernetes.io/";

describeCheckVersion(appArmorProfileCheck, 0, [
  { name: "container with default AppArmor + extra annotations", metadata: { annotations: { [`${PREFIX}test`]: "runtime/default", env: "prod" } }, spec: {} },
  { name: "container with local AppArmor + extra annotations", metadata: { annotations: { [`${PREFIX}test`]: "localhost/sec-profile01", env: "dev" } }, spec: {} },
  { name: "container with no AppArmor annotations", metadata: { annotations: { env: "dev" } }, spec: {} },
  { name: "container with no annotations", spec: {} },
  { name: "pod with runtime default", spec: { securityContext: { appArmorProfile: { type: "RuntimeDefault" } } } },
  { name: "container with localhost profile", spec: { containers: [{ name: "foo", securityContext: { appArmorProfile: { type: "RuntimeDefault" } } }] } },
  {
    name: "unconfined pod",
    spec: { securityContext: { appArmorProfile: { type: "Unconfined" } } },
    reason: "forbidden AppArmor profile",
    detail: 'pod must not set AppArmor profile type to "Unconfined"',
  },
  {
    name: "unconfined container",
    spec: {
      securityContext: { appArmorProfile: { type: "RuntimeDefault" } },
      containers: [{ name: "foo", securityContext: { appArmorProfile: { type: "Unconfined" } } }],
    },
    reason: "forbidden AppArmor profile",
    detail: 'container "foo" must not set AppArmor profile type to "Unconfined"',
  },
  {
    name: "unconfined init container",
    spec: {
      securityContext: { appArmorProfile: { type: "RuntimeDefault" } },
      containers: [{ name: "foo" }],
      initContainers: [{ name: "bar", securityContext: { appArmorProfile: { type: "Unconfined" } } }],
    },
    reason: "forbidden AppArmor profile",
    detail: 'container "bar" must not set AppArmor profile type to "Unconfined"',
  },
  {
    name: "multiple containers",
    metadata: {
      annotations: {
        [PREFIX]: "bogus",
        [`${PREFIX}a`]: "",
        [`${PREFIX}b`]: "runtime/default",
        [`${PREFIX}c`]: "localhost/",
        [`${PREFIX}d`]: "localhost/foo",
        [`${PREFIX}e`]: "unconfined",
        [`${PREFIX}f`]: "unknown",
      },
    },
    spec: {},
    reason: "forbidden AppArmor profiles",
    detail:
      "annotations must not set AppArmor profile type to " +
      ['"container.apparmor.security.beta.kubernetes.io/="bogus""', '"container.apparmor.security.beta.kubernetes.io/e="unconfined""', '"container.apparmor.security.beta.kubernetes.io/f="unknown""'].join(", "),
  },
  {
    name: "pod, container and annotation together",
    metadata: { annotations: { [`${PREFIX}app`]: "unconfined" } },
    spec: {
      securityContext: { appArmorProfile: { type: "Unconfined" } },
      containers: [{ name: "app", securityContext: { appArmorProfile: { type: "Unconfined" } } }],
    },
    reason: "forbidden AppArmor profiles",
    detail: 'pod and container "app" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined""',
  },
]);
