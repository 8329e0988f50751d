/**
 * What the API server's ValidateNetworkPolicySpec (k8s.io/kubernetes
 * pkg/apis/networking/validation) refuses in a NetworkPolicy's rules although every field
 * has the right type, with upstream's messages:
 *
 * - ports (ValidateNetworkPolicyPort): a protocol among TCP, UDP and SCTP; a numeric port
 *   from 1 to 65535, or a port name (IANA service name); `endPort` only after a numeric
 *   `port`, not below it, and itself a port number. Upstream reports `endPort < port` with
 *   the *port's* value (`spec.ingress[0].ports[0].endPort: Invalid value: 8080`), kept here;
 * - peers (ValidateNetworkPolicyPeer): at least one of podSelector, namespaceSelector and
 *   ipBlock, and an ipBlock alone;
 * - ipBlocks (ValidateIPBlock): a `cidr`, a CIDR as the legacy field reads it
 *   (netutils.ParseCIDRSloppy), and `except` entries that are CIDRs strictly inside it.
 *
 * The selectors' own grammar is the label selector's, judged with controllers' selectors.
 */
import { asArray, asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import { maskPrefix, parseCidrSloppy, prefixContains } from "../../manifest/ip-address.js";
import { invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import { portNameProblems } from "../../manifest/kubernetes-names.js";


const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const PORT_RANGE = "must be between 1 and 65535, inclusive";
const CIDR_DETAIL = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";


export function networkPolicyProblems(spec: Readonly<JsonRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [direction, peers] of [["ingress", "from"], ["egress", "to"]] as const) {
    asArray(spec[direction]).forEach((item, ruleIndex) => {
      const rule = asRecord(item);
      if (rule === undefined) return;
      const rulePath: Path = ["spec", direction, ruleIndex];
      asArray(rule.ports).forEach((port, index) => {
        const entry = asRecord(port);
        if (entry !== undefined) portProblems(entry, [...rulePath, "ports", index], problems);
      });
      asArray(rule[peers]).forEach((peer, index) => {
        const entry = asRecord(peer);
        if (entry !== undefined) peerProblems(entry, [...rulePath, peers, index], problems);
      });
    });
  }
  return problems;
}

function portProblems(port: JsonRecord, path: Path, problems: FieldProblem[]): void {
  const { protocol, port: number, endPort } = port;
  if (typeof protocol === "string" && !PROTOCOLS.includes(protocol)) {
    problems.push({ path: [...path, "protocol"], reason: unsupportedValue(protocol, PROTOCOLS), fix: "set the protocol to TCP, UDP or SCTP" });
  }
  const hasEnd = typeof endPort === "number";
  if (typeof number === "number") {
    if (!inPortRange(number)) problems.push({ path: [...path, "port"], reason: `Invalid value: ${number}: ${PORT_RANGE}`, fix: "use a port number from 1 to 65535" });
    if (hasEnd) {
      if (endPort < number) problems.push({ path: [...path, "endPort"], reason: `Invalid value: ${number}: must be greater than or equal to \`port\``, fix: `make the range run upwards: port ${endPort} and endPort ${number}, or drop endPort for the single port ${number}` });
      if (!inPortRange(endPort)) problems.push({ path: [...path, "endPort"], reason: `Invalid value: ${endPort}: ${PORT_RANGE}`, fix: "end the range at a port number from 1 to 65535" });
    }
  } else if (typeof number === "string") {
    if (hasEnd) problems.push({ path: [...path, "endPort"], reason: `Invalid value: ${endPort}: may not be specified when \`port\` is non-numeric`, fix: `a range needs numbers: give port as the first port number instead of the name "${number}", or drop endPort` });
    for (const detail of portNameProblems(number)) {
      problems.push({ path: [...path, "port"], reason: invalidValue(number, detail), fix: "name a container port (at most 15 lowercase letters, digits and '-', with a letter) or give its number unquoted" });
    }
  } else if (hasEnd && !isSet(number)) {
    problems.push({ path: [...path, "endPort"], reason: `Invalid value: ${endPort}: may not be specified when \`port\` is not specified`, fix: "set port to the first port of the range, or drop endPort (no port means every port)" });
  }
}

function inPortRange(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

function peerProblems(peer: JsonRecord, path: Path, problems: FieldProblem[]): void {
  const ipBlock = peer.ipBlock;
  const count = [peer.podSelector, peer.namespaceSelector, ipBlock].filter(isSet).length;
  if (count === 0) {
    problems.push({ path, reason: "Required value: must specify a peer", fix: "name the peer with podSelector and/or namespaceSelector, or ipBlock (an empty peer selects nothing; an empty podSelector: {} selects every pod of the namespace)" });
  } else if (count > 1 && isSet(ipBlock)) {
    problems.push({ path, reason: "Forbidden: may not specify both ipBlock and another peer", fix: "make the ipBlock a peer of its own (a separate list entry)" });
  }
  const block = asRecord(ipBlock);
  if (block === undefined) return;
  const cidrPath: Path = [...path, "ipBlock", "cidr"];
  // An absent cidr is the schema's finding (it is required there); an empty one passes the schema.
  if (typeof block.cidr !== "string") return;
  if (block.cidr === "") {
    problems.push({ path: cidrPath, reason: "Required value", fix: "set ipBlock.cidr to the address block, such as 10.0.0.0/16" });
    return;
  }
  const cidr = parseCidrSloppy(block.cidr);
  if (cidr === undefined) problems.push({ path: cidrPath, reason: invalidValue(block.cidr, CIDR_DETAIL), fix: "write the block with its prefix length, such as 10.0.0.0/16 (one address is 10.0.0.7/32)" });
  asArray(block.except).forEach((item, index) => {
    if (typeof item !== "string") return;
    const exceptPath: Path = [...path, "ipBlock", "except", index];
    const except = parseCidrSloppy(item);
    if (except === undefined) {
      problems.push({ path: exceptPath, reason: invalidValue(item, CIDR_DETAIL), fix: "write the excluded block with its prefix length, such as 10.0.5.0/24" });
      return;
    }
    if (cidr === undefined) return;
    // net.IPNet.Contains on the masked block, and a longer prefix than the block's.
    if (!prefixContains(maskPrefix(cidr), except.address) || cidr.bits >= except.bits) {
      problems.push({ path: exceptPath, reason: invalidValue(item, `must be a strict subset of \`cidr\``), fix: `exclude only blocks inside ${block.cidr} and smaller than it` });
    }
  });
}
