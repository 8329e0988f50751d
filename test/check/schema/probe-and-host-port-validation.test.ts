/** Probe handlers and host-network ports as the API server validates them. */
import { describe, expect, it } from "vitest";
import { hostNetworkPortProblems, probeProblems } from "../../../src/check/schema/probe-and-host-port-validation.js";
import { objectProblems } from "../../../src/check/schema/api-validation.js";

const shown = (problems: readonly { path: readonly (string | number)[]; reason: string }[]) => problems.map((problem) => `${problem.path.join(".")}: ${problem.reason}`);

describe("probeProblems", () => {
  it.each([
    ["one httpGet per probe", { readinessProbe: { httpGet: { port: 80 } }, livenessProbe: { grpc: { port: 9000 } }, startupProbe: { exec: { command: ["true"] } } }, []],
    ["a readiness probe needing 3 successes", { readinessProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } }, []],
    ["httpGet and tcpSocket", { readinessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } } }, ["c.readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"]],
    [
      "all four handlers",
      { livenessProbe: { exec: { command: ["true"] }, httpGet: { port: 80 }, tcpSocket: { port: 80 }, grpc: { port: 80 } } },
      ["c.livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type", "c.livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type", "c.livenessProbe.grpc: Forbidden: may not specify more than 1 handler type"],
    ],
    ["no handler", { startupProbe: { periodSeconds: 5 } }, ["c.startupProbe: Required value: must specify a handler type"]],
    ["a liveness probe needing 2 successes", { livenessProbe: { httpGet: { port: 80 }, successThreshold: 2 } }, ["c.livenessProbe.successThreshold: Invalid value: 2: must be 1"]],
    ["probes on named ports", { readinessProbe: { httpGet: { port: "http" } }, livenessProbe: { tcpSocket: { port: "metrics-port" } } }, []],
    ["an httpGet port out of range", { livenessProbe: { httpGet: { port: 99999 } } }, ["c.livenessProbe.httpGet.port: Invalid value: 99999: must be between 1 and 65535, inclusive"]],
    ["a grpc port of 0", { readinessProbe: { grpc: { port: 0 } } }, ["c.readinessProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive"]],
    ["a tcpSocket port given as a string of digits (a name to upstream)", { readinessProbe: { tcpSocket: { port: "8080" } } }, ['c.readinessProbe.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)']],
  ])("GIVEN %s WHEN validated THEN %j", (_case, container, expected) => {
    expect(shown(probeProblems(container, ["c"]))).toEqual(expected);
  });
});

describe("hostNetworkPortProblems", () => {
  it.each([
    ["no host network, any hostPort", { containers: [{ ports: [{ containerPort: 80, hostPort: 8080 }] }] }, []],
    ["host network, hostPort unset (defaulted to the containerPort)", { hostNetwork: true, containers: [{ ports: [{ containerPort: 80 }] }] }, []],
    ["host network, equal ports", { hostNetwork: true, containers: [{ ports: [{ containerPort: 80, hostPort: 80 }] }] }, []],
    [
      "host network, an init container's port differing",
      { hostNetwork: true, initContainers: [{ ports: [{ containerPort: 9000, hostPort: 9001 }] }], containers: [] },
      ["spec.initContainers.0.ports.0.containerPort: Invalid value: 9000: must match `hostPort` when `hostNetwork` is true"],
    ],
  ])("GIVEN %s WHEN validated THEN %j", (_case, spec, expected) => {
    expect(shown(hostNetworkPortProblems(spec, ["spec"]))).toEqual(expected);
  });

  it("GIVEN a DaemonSet on the host network with a differing hostPort WHEN its object is validated THEN the finding names the container port", () => {
    const daemonSet = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      document: {
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        metadata: { name: "agent", namespace: "kube-system" },
        spec: {
          selector: { matchLabels: { app: "agent" } },
          template: { metadata: { labels: { app: "agent" } }, spec: { hostNetwork: true, containers: [{ name: "agent", image: "agent:1", ports: [{ containerPort: 80, hostPort: 8080 }] }] } },
        },
      },
    };
    expect(objectProblems(daemonSet).map((problem) => problem.message)).toEqual(["spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 80: must match `hostPort` when `hostNetwork` is true"]);
  });
});
