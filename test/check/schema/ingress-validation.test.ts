import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";

type Json = Record<string, any>;

const backend = (service: Json = { name: "web", port: { number: 80 } }): Json => ({ service });
/** A valid Ingress whose spec `change` tweaks. */
const ingress = (change: (spec: Json) => void = () => {}): Json => {
  const spec: Json = { ingressClassName: "alb", rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: backend() }] } }], tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }] };
  change(spec);
  return { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "shop", namespace: "shop" }, spec };
};
const messages = (document: Json) => objectProblems({ apiVersion: document.apiVersion, kind: document.kind, document }).map((problem) => problem.message);
const path = "spec.rules[0].http.paths[0].backend";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("Ingress specs (ValidateIngressSpec, validateIngressBackend, validateIngressTLS)", () => {
  it.each([
    ["a valid Ingress", ingress()],
    ["a default backend only", ingress((spec) => Object.assign(spec, { rules: undefined, defaultBackend: backend({ name: "web", port: { name: "http" } }) }))],
    ["a rule without http (host only)", ingress((spec) => delete spec.rules[0].http)],
    ["a resource backend of the core group", ingress((spec) => (spec.rules[0].http.paths[0].backend = { resource: { kind: "Service", name: "web" } }))],
    ["a wildcard TLS host and no secret name", ingress((spec) => (spec.tls = [{ hosts: ["*.example.com"] }]))],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["neither rules nor a default backend", (spec: Json) => (spec.rules = []), ["spec: Invalid value: []: either `defaultBackend` or `rules` must be specified"]],
    ["http without paths", (spec: Json) => (spec.rules[0].http.paths = []), ["spec.rules[0].http.paths: Required value"]],
    ["an empty backend", (spec: Json) => (spec.rules[0].http.paths[0].backend = {}), [`${path}: Invalid value: "": resource or service backend is required`]],
    ["a service and a resource backend", (spec: Json) => (spec.rules[0].http.paths[0].backend.resource = { kind: "Bucket", name: "b" }), [`${path}: Invalid value: "": cannot set both resource and service backends`]],
    ["a port name and number", (spec: Json) => (spec.rules[0].http.paths[0].backend.service.port = { name: "http", number: 80 }), [`${path}: Invalid value: "": cannot set both port name & port number`]],
    ["no port", (spec: Json) => (spec.rules[0].http.paths[0].backend.service.port = {}), [`${path}: Required value: port name or number is required`]],
    ["a port number above 65535", (spec: Json) => (spec.rules[0].http.paths[0].backend.service.port = { number: 70000 }), [`${path}.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive`]],
    ["a port name of digits", (spec: Json) => (spec.rules[0].http.paths[0].backend.service.port = { name: "8080" }), [`${path}.service.port.name: Invalid value: "8080": must contain at least one letter (a-z)`]],
    ["a Service name with upper case", (spec: Json) => (spec.rules[0].http.paths[0].backend.service.name = "Web"), [expect.stringMatching(/^spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name: Invalid value: "Web": a DNS-1035 label must consist/)]],
    ["a resource backend without a kind", (spec: Json) => (spec.rules[0].http.paths[0].backend = { resource: { name: "b" } }), [`${path}.resource.kind: Required value`]],
    ["a default backend without a port", (spec: Json) => (spec.defaultBackend = backend({ name: "web" })), ["spec.defaultBackend: Required value: port name or number is required"]],
    ["a TLS host with upper case", (spec: Json) => (spec.tls[0].hosts = ["Shop.example.com"]), [`spec.tls[0].hosts[0]: Invalid value: "Shop.example.com": ${SUBDOMAIN}`]],
    ["a TLS secret with upper case", (spec: Json) => (spec.tls[0].secretName = "Shop_TLS"), [`spec.tls[0].secretName: Invalid value: "Shop_TLS": ${SUBDOMAIN}`]],
    ["an ingress class with upper case", (spec: Json) => (spec.ingressClassName = "ALB"), [`spec.ingressClassName: Invalid value: "ALB": ${SUBDOMAIN}`]],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, change, expected) => {
    expect(messages(ingress(change as (spec: Json) => void))).toEqual(expected);
  });
});
