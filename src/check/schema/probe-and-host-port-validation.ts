/**
 * Two pod rules of the API server that a schema cannot express (k8s.io/kubernetes
 * pkg/apis/core/validation), with upstream's messages:
 *
 * - a probe names exactly one handler (validateHandler: exec, httpGet, tcpSocket, grpc in
 *   that order; a second is `Forbidden: may not specify more than 1 handler type`, none is
 *   `Required value: must specify a handler type`), whose port is a number from 1 to 65535
 *   or a port name (ValidatePortNumOrName; "8080" as a string is a name, and refused), and a liveness or startup probe has
 *   successThreshold 1 (validateLivenessProbe, validateStartupProbe);
 * - with `hostNetwork: true` a port's hostPort, when set, equals its containerPort
 *   (validateHostNetwork; upstream defaults an unset hostPort to the containerPort).
 */
import { asArray, asRecord, type JsonRecord } from "../rules/support/json.js";
import { portNameProblems } from "../../manifest/kubernetes-names.js";
import type { FieldPath as Path } from "./field-errors.js";

export interface PodFieldProblem {
  readonly path: Path;
  /** `<reason>: <detail>` without the field, which the caller prefixes. */
  readonly reason: string;
  readonly fix: string;
}

const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

export function probeProblems(container: JsonRecord, path: Path): PodFieldProblem[] {
  const problems: PodFieldProblem[] = [];
  for (const probeName of PROBES) {
    const probe = asRecord(container[probeName]);
    if (probe === undefined) continue;
    const probePath = [...path, probeName];
    const handlers = PROBE_HANDLERS.filter((handler) => probe[handler] !== undefined && probe[handler] !== null);
    if (handlers.length === 0) problems.push({ path: probePath, reason: "Required value: must specify a handler type", fix: `give ${probeName} one of exec, httpGet, tcpSocket or grpc` });
    for (const extra of handlers.slice(1)) {
      problems.push({ path: [...probePath, extra], reason: "Forbidden: may not specify more than 1 handler type", fix: `keep one handler in ${probeName} (it has ${handlers.join(" and ")})` });
    }
    // The handler's port: a number in range or a port name (ValidatePortNumOrName); a grpc port is a number.
    for (const handler of ["httpGet", "tcpSocket", "grpc"] as const) {
      const port = asRecord(probe[handler])?.port;
      const portPath = [...probePath, handler, "port"];
      if (typeof port === "number" && Number.isInteger(port) && (port < 1 || port > 65535)) {
        problems.push({ path: portPath, reason: `Invalid value: ${port}: must be between 1 and 65535, inclusive`, fix: `point ${probeName} at a port from 1 to 65535, or at a container port's name` });
      } else if (typeof port === "string" && handler !== "grpc") {
        for (const detail of portNameProblems(port)) problems.push({ path: portPath, reason: `Invalid value: ${JSON.stringify(port)}: ${detail}`, fix: `name a container port (at most 15 lowercase letters, digits and '-') or give its number in ${probeName}` });
      }
    }
    const threshold = probe.successThreshold;
    if (probeName !== "readinessProbe" && typeof threshold === "number" && Number.isInteger(threshold) && threshold !== 1) {
      problems.push({ path: [...probePath, "successThreshold"], reason: `Invalid value: ${threshold}: must be 1`, fix: `remove ${probeName}.successThreshold or set it to 1 (only a readiness probe may need several successes)` });
    }
  }
  return problems;
}

export function hostNetworkPortProblems(spec: Readonly<JsonRecord>, specPath: Path): PodFieldProblem[] {
  if (spec.hostNetwork !== true) return [];
  const problems: PodFieldProblem[] = [];
  for (const list of ["initContainers", "containers"] as const) {
    asArray(spec[list]).forEach((item, containerIndex) => {
      asArray(asRecord(item)?.ports).forEach((portItem, portIndex) => {
        const port = asRecord(portItem);
        const hostPort = port?.hostPort;
        const containerPort = port?.containerPort;
        if (typeof hostPort !== "number" || hostPort === 0 || typeof containerPort !== "number" || hostPort === containerPort) return;
        problems.push({
          path: [...specPath, list, containerIndex, "ports", portIndex, "containerPort"],
          reason: `Invalid value: ${containerPort}: must match \`hostPort\` when \`hostNetwork\` is true`,
          fix: `with hostNetwork the container listens on the node: set hostPort to ${containerPort} or remove it`,
        });
      });
    });
  }
  return problems;
}
