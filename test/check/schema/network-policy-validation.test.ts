import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";
import { networkPolicyProblems } from "../../../src/check/schema/network-policy-validation.js";

type Json = Record<string, unknown>;

/** Upstream's messages (ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock), as `field: reason`. */
function messages(spec: Json): string[] {
  return networkPolicyProblems(spec).map((problem) => `${problem.path.map((step) => (typeof step === "number" ? `[${step}]` : step)).join(".").replace(/\.\[/g, "[")}: ${problem.reason}`);
}

const ingressPorts = (...ports: Json[]): Json => ({ podSelector: {}, ingress: [{ ports }] });
const egressTo = (...to: Json[]): Json => ({ podSelector: {}, egress: [{ to }] });
const PORT_RANGE = "must be between 1 and 65535, inclusive";
const CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

describe("networkPolicyProblems", () => {
  it.each([
    ["a port range", ingressPorts({ protocol: "TCP", port: 32000, endPort: 32768 }), []],
    ["a named port", ingressPorts({ port: "http" }), []],
    ["a protocol alone (every port)", ingressPorts({ protocol: "UDP" }), []],
    ["endPort below port (upstream names the port's value)", ingressPorts({ port: 8080, endPort: 8000 }), ["spec.ingress[0].ports[0].endPort: Invalid value: 8080: must be greater than or equal to `port`"]],
    ["endPort with a named port", ingressPorts({ port: "http", endPort: 8090 }), ["spec.ingress[0].ports[0].endPort: Invalid value: 8090: may not be specified when `port` is non-numeric"]],
    ["endPort without port", ingressPorts({ protocol: "TCP", endPort: 8090 }), ["spec.ingress[0].ports[0].endPort: Invalid value: 8090: may not be specified when `port` is not specified"]],
    ["endPort past 65535", ingressPorts({ port: 80, endPort: 70000 }), [`spec.ingress[0].ports[0].endPort: Invalid value: 70000: ${PORT_RANGE}`]],
    ["port 0", ingressPorts({ port: 0 }), [`spec.ingress[0].ports[0].port: Invalid value: 0: ${PORT_RANGE}`]],
    ["a port written as a quoted number (a name, which needs a letter)", ingressPorts({ port: "8080" }), ['spec.ingress[0].ports[0].port: Invalid value: "8080": must contain at least one letter (a-z)']],
    ["protocol HTTP", ingressPorts({ protocol: "HTTP", port: 80 }), ['spec.ingress[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"']],
    ["egress ports too", { podSelector: {}, egress: [{ ports: [{ port: 53, endPort: 52 }] }] }, ["spec.egress[0].ports[0].endPort: Invalid value: 53: must be greater than or equal to `port`"]],
    ["peers by selectors and a CIDR with exceptions", egressTo({ namespaceSelector: {}, podSelector: { matchLabels: { app: "db" } } }, { ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }), []],
    ["an empty peer", egressTo({}), ["spec.egress[0].to[0]: Required value: must specify a peer"]],
    ["an ipBlock beside a selector", egressTo({ podSelector: {}, ipBlock: { cidr: "10.0.0.0/8" } }), ["spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer"]],
    ["an empty cidr", egressTo({ ipBlock: { cidr: "" } }), ["spec.egress[0].to[0].ipBlock.cidr: Required value"]],
    ["a cidr that is an address", egressTo({ ipBlock: { cidr: "10.0.0.1" } }), [`spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.1": ${CIDR}`]],
    [
      "exceptions outside the block, as large as it, or no CIDR",
      { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.1.0.0/24", "10.0.0.0/16", "10.0.1.0"] } }] }] },
      [
        'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
        'spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
        `spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: "10.0.1.0": ${CIDR}`,
      ],
    ],
    ["rules of the wrong type (the schema's business)", { podSelector: {}, ingress: "all", egress: [{ ports: 80, to: "db" }] }, []],
  ])("GIVEN a NetworkPolicy with %s WHEN validated THEN %j", (_case, spec, expected) => {
    expect(messages(spec)).toEqual(expected);
  });

  it("GIVEN a NetworkPolicy in a manifest WHEN validated by api-validation THEN upstream's message and a fix", () => {
    const document = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "web", namespace: "shop" }, spec: ingressPorts({ port: 8080, endPort: 8000 }) };
    const problems = objectProblems({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", document });
    expect(problems.map((problem) => problem.message)).toEqual(["spec.ingress[0].ports[0].endPort: Invalid value: 8080: must be greater than or equal to `port`"]);
    expect(problems[0]?.fix).toBe("make the range run upwards: port 8000 and endPort 8080, or drop endPort for the single port 8080");
  });
});
