/**
 * What the API server's ValidateIngressSpec (k8s.io/kubernetes pkg/apis/networking/validation)
 * refuses in a networking.k8s.io/v1 Ingress beyond its hosts and paths (spec-field-validation.ts
 * and api-validation.ts judge those), with upstream's messages:
 *
 * - rules or a default backend (an Ingress routing nothing is refused), and paths under every
 *   `http` a rule has;
 * - each backend (validateIngressBackend): a service or a resource, not both; a service named
 *   as a Service is (a DNS-1035 label; the RelaxedServiceNameValidation gate is alpha and off)
 *   with a port name or number, not both; a resource with a kind and a name;
 * - TLS hosts that are DNS subdomains (or wildcard ones) and secret names that are DNS
 *   subdomains (validateIngressTLS); the ingressClassName a DNS subdomain.
 *
 * Fields of the wrong type are skipped (the schema step reports them).
 */
import { asArray, asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import { dns1035LabelProblems, dns1123SubdomainProblems, pathSegmentNameProblems, portNameProblems, wildcardDns1123SubdomainProblems } from "../../manifest/kubernetes-names.js";
import { invalidValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";


export function ingressSpecProblems(spec: Readonly<JsonRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const rules = asArray(spec.rules);
  if (rules.length === 0 && !isSet(spec.defaultBackend)) {
    problems.push({ path: ["spec"], reason: invalidValue(Array.isArray(spec.rules) ? spec.rules : null, `either \`defaultBackend\` or \`rules\` must be specified`), fix: "add rules (a host and paths to a Service), or a defaultBackend" });
  }
  const defaultBackend = asRecord(spec.defaultBackend);
  if (defaultBackend !== undefined) backendProblems(defaultBackend, ["spec", "defaultBackend"], problems);
  rules.forEach((rule, ruleIndex) => {
    const http = asRecord(asRecord(rule)?.http);
    if (http === undefined) return;
    const paths = asArray(http.paths);
    if (paths.length === 0) problems.push({ path: ["spec", "rules", ruleIndex, "http", "paths"], reason: "Required value", fix: "list the paths of the rule (such as path: /, pathType: Prefix, and a backend), or remove http" });
    paths.forEach((item, pathIndex) => {
      const backend = asRecord(asRecord(item)?.backend);
      if (backend !== undefined) backendProblems(backend, ["spec", "rules", ruleIndex, "http", "paths", pathIndex, "backend"], problems);
    });
  });
  asArray(spec.tls).forEach((item, tlsIndex) => {
    const tls = asRecord(item);
    if (tls === undefined) return;
    asArray(tls.hosts).forEach((host, hostIndex) => {
      if (typeof host !== "string") return;
      const details = host.includes("*") ? wildcardDns1123SubdomainProblems(host) : dns1123SubdomainProblems(host);
      for (const detail of details) problems.push({ path: ["spec", "tls", tlsIndex, "hosts", hostIndex], reason: invalidValue(host, detail), fix: "write the TLS host as a lowercase DNS name (such as shop.example.com or *.example.com)" });
    });
    // validateTLSSecretName: empty is allowed (the controller's default certificate).
    if (typeof tls.secretName === "string" && tls.secretName !== "") {
      for (const detail of dns1123SubdomainProblems(tls.secretName)) problems.push({ path: ["spec", "tls", tlsIndex, "secretName"], reason: invalidValue(tls.secretName, detail), fix: "name the TLS Secret with a lowercase DNS subdomain" });
    }
  });
  if (typeof spec.ingressClassName === "string") {
    for (const detail of dns1123SubdomainProblems(spec.ingressClassName)) problems.push({ path: ["spec", "ingressClassName"], reason: invalidValue(spec.ingressClassName, detail), fix: "name an IngressClass (a lowercase DNS subdomain such as alb or nginx)" });
  }
  return problems;
}

function backendProblems(backend: JsonRecord, path: Path, problems: FieldProblem[]): void {
  const resource = asRecord(backend.resource);
  const service = asRecord(backend.service);
  if (isSet(backend.resource) && isSet(backend.service)) {
    problems.push({ path, reason: 'Invalid value: "": cannot set both resource and service backends', fix: "keep either service or resource in the backend" });
    return;
  }
  if (resource !== undefined) {
    // validateIngressTypedLocalObjectReference.
    if (typeof resource.apiGroup === "string") {
      for (const detail of dns1123SubdomainProblems(resource.apiGroup)) problems.push({ path: [...path, "resource", "apiGroup"], reason: invalidValue(resource.apiGroup, detail), fix: "name the resource's API group, such as storage.k8s.io" });
    }
    for (const field of ["kind", "name"] as const) {
      const value = resource[field];
      if (value === undefined || value === null || value === "") problems.push({ path: [...path, "resource", field], reason: "Required value", fix: `set the resource backend's ${field}` });
      else if (typeof value === "string") for (const detail of pathSegmentNameProblems(value)) problems.push({ path: [...path, "resource", field], reason: invalidValue(value, detail), fix: `change the resource backend's ${field}` });
    }
    return;
  }
  if (service === undefined) {
    if (!isSet(backend.service)) problems.push({ path, reason: 'Invalid value: "": resource or service backend is required', fix: "route the path to a Service: backend.service.name and backend.service.port" });
    return;
  }
  const name = service.name;
  if (name === undefined || name === null || name === "") problems.push({ path: [...path, "service", "name"], reason: "Required value", fix: "name the Service the path routes to" });
  else if (typeof name === "string") {
    for (const detail of dns1035LabelProblems(name)) problems.push({ path: [...path, "service", "name"], reason: invalidValue(name, detail), fix: "name the Service as it is named (a Service name is a DNS-1035 label)" });
  }
  const port = asRecord(service.port) ?? {};
  const portName = typeof port.name === "string" && port.name !== "" ? port.name : undefined;
  const portNumber = typeof port.number === "number" && port.number !== 0 ? port.number : undefined;
  if (portName !== undefined && portNumber !== undefined) {
    problems.push({ path, reason: 'Invalid value: "": cannot set both port name & port number', fix: "keep either service.port.name or service.port.number" });
  } else if (portName !== undefined) {
    for (const detail of portNameProblems(portName)) problems.push({ path: [...path, "service", "port", "name"], reason: invalidValue(portName, detail), fix: "name a port of the Service, or give its number" });
  } else if (portNumber !== undefined) {
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) problems.push({ path: [...path, "service", "port", "number"], reason: `Invalid value: ${portNumber}: must be between 1 and 65535, inclusive`, fix: "use a port number from 1 to 65535" });
  } else if (!isSet(service.port) || asRecord(service.port) !== undefined) {
    // A port of the wrong type is the schema step's.
    problems.push({ path, reason: "Required value: port name or number is required", fix: "set service.port.number (such as 80) or service.port.name" });
  }
}
