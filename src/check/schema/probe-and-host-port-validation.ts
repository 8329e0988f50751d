/**
 * Two pod rules of the API server that a schema cannot express (k8s.io/kubernetes
 * pkg/apis/core/validation), with upstream's messages:
 *
 * - a probe names exactly one handler (validateHandler: exec, httpGet, tcpSocket, grpc in
 *   that order; a second is `Forbidden: may not specify more than 1 handler type`, none is
 *   `Required value: must specify a handler type`), whose port is a number from 1 to 65535
 *   or a port name (ValidatePortNumOrName; "8080" as a string is a name, and refused), and a liveness or startup probe has
 *   successThreshold 1 (validateLivenessProbe, validateStartupProbe); validateProbe's
 *   delays, periods and thresholds not negative (0 is defaulted), a probe's
 *   terminationGracePeriodSeconds above 0 and never on a readiness probe; an exec handler
 *   with a command, an httpGet scheme HTTP or HTTPS and header names of letters, digits and '-';
 * - lifecycle hooks (validateLifecycle): postStart and preStop name one handler (exec,
 *   httpGet, tcpSocket, sleep), and a sleep lasts from 0 to the pod's
 *   terminationGracePeriodSeconds (default 30; 0 is allowed from 1.33, PodLifecycleSleepActionAllowZero:
 *   1.35's rule and message are followed);
 * - with `hostNetwork: true` a port's hostPort, when set, equals its containerPort
 *   (validateHostNetwork; upstream defaults an unset hostPort to the containerPort).
 */
import { asArray, asRecord, type JsonRecord } from "../rules/support/json.js";
import { portNameProblems } from "../../manifest/kubernetes-names.js";
import { invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";

const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

export function probeProblems(container: JsonRecord, path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
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
        for (const detail of portNameProblems(port)) problems.push({ path: portPath, reason: invalidValue(port, detail), fix: `name a container port (at most 15 lowercase letters, digits and '-') or give its number in ${probeName}` });
      }
    }
    for (const field of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
      const value = probe[field];
      if (typeof value === "number" && Number.isInteger(value) && value < 0) problems.push({ path: [...probePath, field], reason: `Invalid value: ${value}: must be greater than or equal to 0`, fix: `set ${probeName}.${field} to 0 or more (0, or leaving it out, takes the default)` });
    }
    const grace = probe.terminationGracePeriodSeconds;
    if (typeof grace === "number" && Number.isInteger(grace)) {
      if (probeName === "readinessProbe") problems.push({ path: [...probePath, "terminationGracePeriodSeconds"], reason: `Invalid value: ${grace}: must not be set for readinessProbes`, fix: "remove readinessProbe.terminationGracePeriodSeconds (a failed readiness probe does not restart the container)" });
      else if (grace <= 0) problems.push({ path: [...probePath, "terminationGracePeriodSeconds"], reason: `Invalid value: ${grace}: must be greater than 0`, fix: `set ${probeName}.terminationGracePeriodSeconds to 1 or more, or remove it for the pod's` });
    }
    problems.push(...handlerActionProblems(probe, probePath));
    const threshold = probe.successThreshold;
    if (probeName !== "readinessProbe" && typeof threshold === "number" && Number.isInteger(threshold) && threshold !== 1) {
      problems.push({ path: [...probePath, "successThreshold"], reason: `Invalid value: ${threshold}: must be 1`, fix: `remove ${probeName}.successThreshold or set it to 1 (only a readiness probe may need several successes)` });
    }
  }
  return problems;
}

const SCHEMES = ["HTTP", "HTTPS"];
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

/** validateExecAction and validateHTTPGetAction: what a probe's or a hook's handler needs beyond its type. */
function handlerActionProblems(handler: JsonRecord, path: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const exec = asRecord(handler.exec);
  if (exec !== undefined && asArray(exec.command).length === 0) problems.push({ path: [...path, "exec", "command"], reason: "Required value", fix: "give the exec handler a command, such as [\"cat\", \"/tmp/healthy\"]" });
  const httpGet = asRecord(handler.httpGet);
  if (httpGet !== undefined) {
    if (typeof httpGet.scheme === "string" && !SCHEMES.includes(httpGet.scheme)) problems.push({ path: [...path, "httpGet", "scheme"], reason: unsupportedValue(httpGet.scheme, SCHEMES), fix: "set httpGet.scheme to HTTP or HTTPS, or remove it for HTTP" });
    for (const item of asArray(httpGet.httpHeaders)) {
      const name = asRecord(item)?.name;
      if (typeof name === "string" && !HTTP_HEADER_NAME.test(name)) {
        problems.push({ path: [...path, "httpGet", "httpHeaders"], reason: invalidValue(name, "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"), fix: "name the header with letters, digits and '-' only" });
      }
    }
  }
  return problems;
}

const HOOK_HANDLERS = ["exec", "httpGet", "tcpSocket", "sleep"] as const;
const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

/** validateLifecycle: each hook names one handler; a sleep lasts at most the pod's grace period. */
export function lifecycleProblems(container: JsonRecord, path: Path, podSpec: Readonly<JsonRecord>): FieldProblem[] {
  const lifecycle = asRecord(container.lifecycle);
  if (lifecycle === undefined) return [];
  const problems: FieldProblem[] = [];
  const podGrace = podSpec.terminationGracePeriodSeconds;
  const grace = typeof podGrace === "number" && Number.isInteger(podGrace) ? podGrace : DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  for (const hookName of ["postStart", "preStop"] as const) {
    const hook = asRecord(lifecycle[hookName]);
    if (hook === undefined) continue;
    const hookPath = [...path, "lifecycle", hookName];
    const handlers = HOOK_HANDLERS.filter((handler) => hook[handler] !== undefined && hook[handler] !== null);
    if (handlers.length === 0) problems.push({ path: hookPath, reason: "Required value: must specify a handler type", fix: `give ${hookName} one of exec, httpGet or sleep` });
    for (const extra of handlers.slice(1)) problems.push({ path: [...hookPath, extra], reason: "Forbidden: may not specify more than 1 handler type", fix: `keep one handler in ${hookName} (it has ${handlers.join(" and ")})` });
    problems.push(...handlerActionProblems(hook, hookPath));
    const seconds = asRecord(hook.sleep)?.seconds;
    if (typeof seconds === "number" && Number.isInteger(seconds) && (seconds < 0 || seconds > grace)) {
      problems.push({ path: [...hookPath, "sleep"], reason: `Invalid value: ${seconds}: must be non-negative and less than terminationGracePeriodSeconds (${grace})`, fix: `sleep from 0 to ${grace} seconds in ${hookName}, or raise the pod's terminationGracePeriodSeconds` });
    }
  }
  return problems;
}

export function hostNetworkPortProblems(spec: Readonly<JsonRecord>, specPath: Path): FieldProblem[] {
  if (spec.hostNetwork !== true) return [];
  const problems: FieldProblem[] = [];
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
