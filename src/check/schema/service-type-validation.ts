/**
 * What the API server's ValidateService (k8s.io/kubernetes pkg/apis/core/validation)
 * refuses in a Service because of its type: fields that mean something only for some
 * types, and the headless form (`clusterIP: None`) that only ClusterIP Services may take;
 * and its address fields: `loadBalancerSourceRanges` entries (or, without them, the older
 * `service.beta.kubernetes.io/load-balancer-source-ranges` annotation's) that are CIDRs, `externalIPs`
 * that are IPs outside the special ranges (ValidateNonSpecialIP); and the enumerations
 * `sessionAffinity` (with a ClientIP timeout of at most a day), `internalTrafficPolicy`,
 * `ipFamilyPolicy` and `ipFamilies`. Both are legacy fields,
 * read sloppily (netutils.ParseIPSloppy/ParseCIDRSloppy: `010.0.0.0/8` and `10.0.0.1/8`
 * pass; the StrictIPCIDRValidation gate that refuses them is off by default).
 * The Service's ports, names and selector are judged in api-validation.ts.
 *
 * Upstream validates the object after defaulting and the create strategy, so:
 * - `type` is ClusterIP when absent;
 * - `clusterIPs` is `[clusterIP]` when only `clusterIP` is written (the strategy copies it),
 *   so a headless Service is reported at `spec.clusterIPs[0]`, as the API server words it,
 *   on the line of whichever field the manifest wrote;
 * - `sessionAffinity` is None when absent, and None drops `sessionAffinityConfig`; ClientIP
 *   without a timeout gets the default one (SetDefaults_Service);
 * - the fields the defaults fill in (externalTrafficPolicy for externally-accessible
 *   Services, allocateLoadBalancerNodePorts for LoadBalancers, internalTrafficPolicy) are
 *   never missing, so their `Required value` errors cannot occur from a manifest.
 *
 * Messages are upstream's, with its field paths (`spec.LoadBalancerSourceRanges` is
 * capitalised upstream).
 */
import { asArray, isSet, type JsonRecord } from "../rules/support/json.js";
import { isIpv4InIpv6, parseCidrSloppy, parseIpSloppy, type IpAddress } from "../../manifest/ip-address.js";
import { duplicateValue, invalidValue, showFieldPath, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import { dns1123SubdomainProblems, qualifiedNameProblems } from "../../manifest/kubernetes-names.js";


const ONLY_LOAD_BALANCER = "Forbidden: may only be used when `type` is 'LoadBalancer'";


/** The annotation that held the source ranges before the field: still honoured (and validated) when the field is empty. */
const SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";

export function serviceTypeProblems(spec: JsonRecord, annotations: Readonly<JsonRecord> = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const type = typeof spec.type === "string" ? spec.type : "ClusterIP";
  const clusterIPs = asArray(spec.clusterIPs);
  // The create strategy copies clusterIP into an empty clusterIPs.
  const effectiveClusterIPs = clusterIPs.length > 0 ? clusterIPs : typeof spec.clusterIP === "string" && spec.clusterIP !== "" ? [spec.clusterIP] : [];
  const headless = effectiveClusterIPs.length === 1 && effectiveClusterIPs[0] === "None";
  const clusterIPField: Path = clusterIPs.length > 0 ? ["spec", "clusterIPs", 0] : ["spec", "clusterIP"];

  if (headless && (type === "LoadBalancer" || type === "NodePort")) {
    problems.push({
      path: ["spec", "clusterIPs", 0],
      at: clusterIPField,
      reason: `Invalid value: "None": may not be set to 'None' for ${type} services`,
      fix: `remove clusterIP: None (a ${type} Service needs a cluster IP), or make the Service a headless ClusterIP Service without ${type === "LoadBalancer" ? "a load balancer" : "node ports"}`,
    });
  }

  if (type === "ExternalName") {
    if (effectiveClusterIPs.length > 0) {
      problems.push({ path: ["spec", "clusterIPs"], at: clusterIPField, reason: "Forbidden: may not be set for ExternalName services", fix: "remove clusterIP and clusterIPs: an ExternalName Service is a DNS alias, with no cluster IP" });
    }
    if (asArray(spec.ipFamilies).length > 0) {
      problems.push({ path: ["spec", "ipFamilies"], reason: "Forbidden: may not be set for ExternalName services", fix: "remove ipFamilies: an ExternalName Service has no IP" });
    }
    if (isSet(spec.ipFamilyPolicy)) {
      problems.push({ path: ["spec", "ipFamilyPolicy"], reason: "Forbidden: may not be set for ExternalName services", fix: "remove ipFamilyPolicy: an ExternalName Service has no IP" });
    }
    // A CNAME may end with a dot (fully qualified); upstream trims it before checking.
    const cname = typeof spec.externalName === "string" ? spec.externalName.replace(/\.$/, "") : "";
    for (const detail of cname === "" ? [] : dns1123SubdomainProblems(cname)) {
      problems.push({ path: ["spec", "externalName"], reason: invalidValue(cname, detail), fix: "set spec.externalName to a DNS name such as db.example.com" });
    }
  }

  sessionAffinityProblems(spec, problems);
  if (type !== "ExternalName") ipFamilyProblems(spec, problems);
  notSupported(spec.internalTrafficPolicy, ["spec", "internalTrafficPolicy"], INTERNAL_TRAFFIC_POLICIES, problems);

  const sourceRanges = asArray(spec.loadBalancerSourceRanges);
  if (sourceRanges.length > 0 && type !== "LoadBalancer") {
    problems.push({ path: ["spec", "LoadBalancerSourceRanges"], at: ["spec", "loadBalancerSourceRanges"], reason: ONLY_LOAD_BALANCER, fix: "remove loadBalancerSourceRanges, or make the Service a LoadBalancer" });
  }
  const rangeFix = "write each source range as an address block with its prefix length, such as 203.0.113.0/24 (a single address is 203.0.113.7/32)";
  const invalidRange = (range: string) => invalidValue(range, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
  sourceRanges.forEach((range, index) => {
    // Upstream trims the entries first: they were once a comma-separated annotation.
    if (typeof range !== "string" || parseCidrSloppy(range.trim()) !== undefined) return;
    problems.push({ path: ["spec", "LoadBalancerSourceRanges", index], at: ["spec", "loadBalancerSourceRanges", index], reason: invalidRange(range.trim()), fix: rangeFix });
  });
  const annotated = annotations[SOURCE_RANGES_ANNOTATION];
  if (sourceRanges.length === 0 && typeof annotated === "string") {
    const path: Path = ["metadata", `annotations[${SOURCE_RANGES_ANNOTATION}]`];
    const at: Path = ["metadata", "annotations", SOURCE_RANGES_ANNOTATION];
    if (type !== "LoadBalancer") problems.push({ path, at, reason: ONLY_LOAD_BALANCER, fix: `remove the ${SOURCE_RANGES_ANNOTATION} annotation, or make the Service a LoadBalancer` });
    const ranges = annotated.trim() === "" ? [] : annotated.trim().split(",").map((range) => range.trim());
    for (const range of ranges) if (parseCidrSloppy(range) === undefined) problems.push({ path, at, reason: invalidRange(range), fix: `${rangeFix}, separated by commas` });
  }
  asArray(spec.externalIPs).forEach((value, index) => {
    if (typeof value !== "string") return;
    const address = parseIpSloppy(value);
    const detail = address === undefined ? "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)" : specialAddressProblem(address, value);
    if (detail === undefined) return;
    problems.push({ path: ["spec", "externalIPs", index], reason: invalidValue(value, detail), fix: "list in externalIPs the addresses, routed to the nodes, that clients use to reach the Service (no loopback, link-local or unspecified address)" });
  });
  if (isSet(spec.allocateLoadBalancerNodePorts) && type !== "LoadBalancer") {
    problems.push({ path: ["spec", "allocateLoadBalancerNodePorts"], reason: ONLY_LOAD_BALANCER, fix: "remove allocateLoadBalancerNodePorts, or make the Service a LoadBalancer" });
  }
  if (isSet(spec.loadBalancerClass)) {
    if (type !== "LoadBalancer") {
      problems.push({ path: ["spec", "loadBalancerClass"], reason: ONLY_LOAD_BALANCER, fix: "remove loadBalancerClass, or make the Service a LoadBalancer" });
    } else if (typeof spec.loadBalancerClass === "string") {
      for (const detail of qualifiedNameProblems(spec.loadBalancerClass)) {
        problems.push({ path: ["spec", "loadBalancerClass"], reason: invalidValue(spec.loadBalancerClass, detail), fix: "name the load balancer class as a qualified name, such as service.k8s.aws/nlb" });
      }
    }
  }

  // apiservice.ExternallyAccessible and NeedsHealthCheck.
  const externallyAccessible = type === "LoadBalancer" || type === "NodePort" || (type === "ClusterIP" && asArray(spec.externalIPs).length > 0);
  if (!externallyAccessible && typeof spec.externalTrafficPolicy === "string" && spec.externalTrafficPolicy !== "") {
    problems.push({
      path: ["spec", "externalTrafficPolicy"],
      reason: invalidValue(spec.externalTrafficPolicy, "may only be set for externally-accessible services"),
      fix: "remove externalTrafficPolicy: it applies to NodePort and LoadBalancer Services (and ClusterIP Services with externalIPs)",
    });
  }
  const needsHealthCheck = type === "LoadBalancer" && spec.externalTrafficPolicy === "Local";
  if (!needsHealthCheck && typeof spec.healthCheckNodePort === "number" && spec.healthCheckNodePort !== 0) {
    problems.push({
      path: ["spec", "healthCheckNodePort"],
      reason: `Invalid value: ${spec.healthCheckNodePort}: may only be set when \`type\` is 'LoadBalancer' and \`externalTrafficPolicy\` is 'Local'`,
      fix: "remove healthCheckNodePort, or make the Service a LoadBalancer with externalTrafficPolicy: Local",
    });
  }

  // Two ports may not share a node port for the same protocol.
  const nodePorts = new Set<string>();
  asArray(spec.ports).forEach((item, index) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return;
    const { nodePort, protocol } = item as JsonRecord;
    if (typeof nodePort !== "number" || nodePort === 0) return;
    const key = `${typeof protocol === "string" ? protocol : "TCP"}/${nodePort}`;
    if (nodePorts.has(key)) problems.push({ path: ["spec", "ports", index, "nodePort"], reason: `Duplicate value: ${nodePort}`, fix: `give each port its own nodePort (${nodePort} is used twice for ${key.split("/")[0]})` });
    nodePorts.add(key);
  });
  return problems;
}

const SESSION_AFFINITIES = ["ClientIP", "None"];
const INTERNAL_TRAFFIC_POLICIES = ["Cluster", "Local"];
const IP_FAMILY_POLICIES = ["PreferDualStack", "RequireDualStack", "SingleStack"];
const IP_FAMILIES = ["IPv4", "IPv6"];
/** core.MaxClientIPServiceAffinitySeconds: a day. */
const MAX_AFFINITY_SECONDS = 86400;

function notSupported(value: unknown, path: Path, supported: readonly string[], problems: FieldProblem[]): void {
  if (typeof value !== "string" || supported.includes(value)) return;
  problems.push({ path, reason: unsupportedValue(value, supported), fix: `set ${showFieldPath(path)} to one of ${supported.join(", ")}` });
}

/**
 * ValidateService's session affinity, after SetDefaults_Service: an absent affinity is None,
 * None drops sessionAffinityConfig (so it is never refused), and ClientIP gets the default
 * timeout when none is written; only a written timeout outside (0, a day] is refused
 * (validateAffinityTimeout).
 */
function sessionAffinityProblems(spec: JsonRecord, problems: FieldProblem[]): void {
  notSupported(spec.sessionAffinity, ["spec", "sessionAffinity"], SESSION_AFFINITIES, problems);
  if (spec.sessionAffinity !== "ClientIP") return;
  const clientIP = spec.sessionAffinityConfig !== null && typeof spec.sessionAffinityConfig === "object" ? (spec.sessionAffinityConfig as JsonRecord).clientIP : undefined;
  const timeout = clientIP !== null && typeof clientIP === "object" ? (clientIP as JsonRecord).timeoutSeconds : undefined;
  if (typeof timeout !== "number" || (timeout > 0 && timeout <= MAX_AFFINITY_SECONDS)) return;
  problems.push({
    path: ["spec", "sessionAffinityConfig", "clientIP", "timeoutSeconds"],
    reason: `Invalid value: ${timeout}: must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`,
    fix: `set timeoutSeconds from 1 to ${MAX_AFFINITY_SECONDS} (the default is 10800, three hours), or remove it`,
  });
}

/**
 * ValidateServiceClusterIPsRelatedFields' stand-alone checks of ipFamilies and ipFamilyPolicy
 * (ExternalName Services are judged above: both forbidden), and the registry's refusal of
 * SingleStack with two families (pkg/registry/core/service/storage alloc.go, initIPFamilyFields).
 */
function ipFamilyProblems(spec: JsonRecord, problems: FieldProblem[]): void {
  const families = asArray(spec.ipFamilies);
  const seen = new Set<unknown>();
  families.forEach((family, index) => {
    notSupported(family, ["spec", "ipFamilies", index], IP_FAMILIES, problems);
    if (typeof family === "string" && seen.has(family)) problems.push({ path: ["spec", "ipFamilies", index], reason: duplicateValue(family), fix: "list each IP family once" });
    seen.add(family);
  });
  notSupported(spec.ipFamilyPolicy, ["spec", "ipFamilyPolicy"], IP_FAMILY_POLICIES, problems);
  if (spec.ipFamilyPolicy === "SingleStack" && families.length > 1) {
    problems.push({
      path: ["spec", "ipFamilyPolicy"],
      reason: `Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`,
      fix: "set ipFamilyPolicy: PreferDualStack (or RequireDualStack), or list one IP family",
    });
  }
}

/** ValidateNonSpecialIP: an external IP may not be unspecified, loopback or link-local (they mean the node itself). */
function specialAddressProblem(address: IpAddress, text: string): string | undefined {
  // IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry, as Go's net.IP does.
  const v4 = address.family === 4 || isIpv4InIpv6(address);
  const bytes = v4 ? address.bytes.slice(-4) : address.bytes;
  const [a = 0, b = 0, c = 0] = bytes;
  if (bytes.every((byte) => byte === 0)) return `may not be unspecified (${text})`;
  if (v4 ? a === 127 : bytes.slice(0, 15).every((byte) => byte === 0) && bytes[15] === 1) return "may not be in the loopback range (127.0.0.0/8, ::1/128)";
  if (v4 ? a === 169 && b === 254 : a === 0xfe && (b & 0xc0) === 0x80) return "may not be in the link-local range (169.254.0.0/16, fe80::/10)";
  if (v4 ? a === 224 && b === 0 && c === 0 : a === 0xff && (b & 0x0f) === 0x02) return "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)";
  return undefined;
}
