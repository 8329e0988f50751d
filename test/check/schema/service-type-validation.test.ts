import { describe, expect, it } from "vitest";
import { parseSource } from "../../../src/check/load/parse-source.js";
import { apiValidationFindings, refusedObjects } from "../../../src/check/schema/api-validation.js";
import { serviceTypeProblems } from "../../../src/check/schema/service-type-validation.js";

const ports = [{ name: "http", port: 80 }];
const ONLY_LB = "Forbidden: may only be used when `type` is 'LoadBalancer'";

/** Upstream's messages (ValidateService, k8s.io/kubernetes pkg/apis/core/validation), as `field: reason`. */
function messages(spec: Record<string, unknown>): string[] {
  return serviceTypeProblems(spec).map((problem) => `${problem.path.map((step) => (typeof step === "number" ? `[${step}]` : step)).join(".").replace(/\.\[/g, "[")}: ${problem.reason}`);
}

describe("serviceTypeProblems", () => {
  it.each([
    // Headless: only ClusterIP.
    ["a headless LoadBalancer", { type: "LoadBalancer", clusterIP: "None", ports }, ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"]],
    ["a headless NodePort Service, by clusterIPs", { type: "NodePort", clusterIPs: ["None"], ports }, ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
    ["a headless ClusterIP Service", { clusterIP: "None", ports }, []],
    ["a LoadBalancer with a cluster IP", { type: "LoadBalancer", clusterIP: "10.0.0.10", ports }, []],
    // ExternalName: a DNS alias, no IPs.
    ["an ExternalName with a cluster IP", { type: "ExternalName", externalName: "db.example.com", clusterIP: "10.0.0.1" }, ["spec.clusterIPs: Forbidden: may not be set for ExternalName services"]],
    ["an ExternalName with clusterIP None", { type: "ExternalName", externalName: "db.example.com", clusterIP: "None" }, ["spec.clusterIPs: Forbidden: may not be set for ExternalName services"]],
    ["an ExternalName with an empty clusterIP", { type: "ExternalName", externalName: "db.example.com", clusterIP: "" }, []],
    ["an ExternalName with IP families", { type: "ExternalName", externalName: "db.example.com", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" }, ["spec.ipFamilies: Forbidden: may not be set for ExternalName services", "spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services"]],
    ["an ExternalName with a fully qualified name (trailing dot)", { type: "ExternalName", externalName: "db.example.com." }, []],
    ["an ExternalName with ports and a selector (allowed, ignored)", { type: "ExternalName", externalName: "db.example.com", ports, selector: { app: "db" } }, []],
    ["an ExternalName that is no DNS name", { type: "ExternalName", externalName: "DB_Host" }, [expect.stringMatching(/^spec\.externalName: Invalid value: "DB_Host": a lowercase RFC 1123 subdomain must consist of/)]],
    // LoadBalancer-only fields.
    ["loadBalancerClass on a ClusterIP Service", { loadBalancerClass: "service.k8s.aws/nlb", ports }, [`spec.loadBalancerClass: ${ONLY_LB}`]],
    ["loadBalancerClass on a LoadBalancer", { type: "LoadBalancer", loadBalancerClass: "service.k8s.aws/nlb", ports }, []],
    ["a loadBalancerClass that is no qualified name", { type: "LoadBalancer", loadBalancerClass: "my class", ports }, [expect.stringMatching(/^spec\.loadBalancerClass: Invalid value: "my class": name part must consist of/)]],
    ["allocateLoadBalancerNodePorts on a NodePort Service", { type: "NodePort", allocateLoadBalancerNodePorts: false, ports }, [`spec.allocateLoadBalancerNodePorts: ${ONLY_LB}`]],
    ["allocateLoadBalancerNodePorts on a LoadBalancer", { type: "LoadBalancer", allocateLoadBalancerNodePorts: false, ports }, []],
    ["loadBalancerSourceRanges on a ClusterIP Service", { loadBalancerSourceRanges: ["10.0.0.0/8"], ports }, [`spec.LoadBalancerSourceRanges: ${ONLY_LB}`]],
    // Address fields: CIDRs and IPs as the legacy fields read them (ParseCIDRSloppy, ParseIPSloppy).
    ["source ranges that are CIDRs (padded, zero-padded, with host bits)", { type: "LoadBalancer", loadBalancerSourceRanges: [" 10.0.0.0/8 ", "010.1.0.0/16", "192.0.2.7/24", "2001:db8::/32"], ports }, []],
    [
      "source ranges that are no CIDRs",
      { type: "LoadBalancer", loadBalancerSourceRanges: ["10.0.0.0/8", "203.0.113.7", "office", "10.0.0.0/33"], ports },
      [
        'spec.LoadBalancerSourceRanges[1]: Invalid value: "203.0.113.7": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        'spec.LoadBalancerSourceRanges[2]: Invalid value: "office": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        'spec.LoadBalancerSourceRanges[3]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
    ["externalIPs that are IPs", { externalIPs: ["203.0.113.10", "2001:db8::10", "010.0.0.1"], ports }, []],
    [
      "externalIPs that are no IPs or special ones",
      { externalIPs: ["lb.example.com", "203.0.113.0/24", "0.0.0.0", "127.0.0.1", "::1", "169.254.169.254", "fe80::1", "224.0.0.1", "ff02::1"], ports },
      [
        'spec.externalIPs[0]: Invalid value: "lb.example.com": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        'spec.externalIPs[1]: Invalid value: "203.0.113.0/24": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        'spec.externalIPs[2]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
        'spec.externalIPs[3]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
        'spec.externalIPs[4]: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
        'spec.externalIPs[5]: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
        'spec.externalIPs[6]: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
        'spec.externalIPs[7]: Invalid value: "224.0.0.1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
        'spec.externalIPs[8]: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
      ],
    ],
    // Traffic policies.
    ["externalTrafficPolicy on a ClusterIP Service", { externalTrafficPolicy: "Local", ports }, ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']],
    ["externalTrafficPolicy on an ExternalName", { type: "ExternalName", externalName: "db.example.com", externalTrafficPolicy: "Cluster" }, ['spec.externalTrafficPolicy: Invalid value: "Cluster": may only be set for externally-accessible services']],
    ["externalTrafficPolicy on a ClusterIP Service with externalIPs", { externalTrafficPolicy: "Local", externalIPs: ["203.0.113.10"], ports }, []],
    ["externalTrafficPolicy on a NodePort Service", { type: "NodePort", externalTrafficPolicy: "Local", ports }, []],
    ["healthCheckNodePort on a LoadBalancer with policy Cluster", { type: "LoadBalancer", externalTrafficPolicy: "Cluster", healthCheckNodePort: 30500, ports }, ["spec.healthCheckNodePort: Invalid value: 30500: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"]],
    ["healthCheckNodePort on a LoadBalancer with policy Local", { type: "LoadBalancer", externalTrafficPolicy: "Local", healthCheckNodePort: 30500, ports }, []],
    // Session affinity and node ports.
    // SetDefaults_Service drops sessionAffinityConfig when the affinity is None (or absent, which defaults to None).
    ["sessionAffinityConfig without ClientIP affinity (dropped by the defaults)", { sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports }, []],
    ["sessionAffinityConfig with None affinity (dropped by the defaults)", { sessionAffinity: "None", sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } }, ports }, []],
    ["an unknown sessionAffinity", { sessionAffinity: "Cookie", ports }, ['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"']],
    ["a ClientIP timeout of 0", { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } }, ports }, ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"]],
    ["a ClientIP timeout of a day", { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } }, ports }, []],
    ["a ClientIP timeout over a day", { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } }, ports }, ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400"]],
    ["ClientIP affinity without a config (the defaults fill in the timeout)", { sessionAffinity: "ClientIP", ports }, []],
    ["an unknown internalTrafficPolicy", { internalTrafficPolicy: "Node", ports }, ['spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"']],
    ["an unknown ipFamilyPolicy", { ipFamilyPolicy: "Dual", ports }, ['spec.ipFamilyPolicy: Unsupported value: "Dual": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"']],
    ["an unknown IP family", { ipFamilies: ["IPv5"], ports }, ['spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"']],
    ["SingleStack with two families", { ipFamilyPolicy: "SingleStack", ipFamilies: ["IPv4", "IPv6"], ports }, ['spec.ipFamilyPolicy: Invalid value: "SingleStack": must be \'RequireDualStack\' or \'PreferDualStack\' when multiple IP families are specified']],
    ["PreferDualStack with two families", { ipFamilyPolicy: "PreferDualStack", ipFamilies: ["IPv4", "IPv6"], ports }, []],
    ["sessionAffinityConfig with ClientIP affinity", { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports }, []],
    ["one nodePort twice over TCP", { type: "NodePort", ports: [{ name: "a", port: 80, nodePort: 30080 }, { name: "b", port: 81, nodePort: 30080 }] }, ["spec.ports[1].nodePort: Duplicate value: 30080"]],
    ["one nodePort over TCP and UDP", { type: "NodePort", ports: [{ name: "a", port: 53, nodePort: 30053 }, { name: "b", port: 53, protocol: "UDP", nodePort: 30053 }] }, []],
  ])("GIVEN %s WHEN validated THEN %j", (_case, spec, expected) => {
    expect(messages(spec)).toEqual(expected);
  });

  it.each([
    ["on a LoadBalancer, valid", { type: "LoadBalancer", ports }, " 10.0.0.0/8, 192.0.2.0/24 ", []],
    ["on a LoadBalancer, with an address among the ranges", { type: "LoadBalancer", ports }, "10.0.0.0/8,office", ['metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "office": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
    ["on a ClusterIP Service", { ports }, "10.0.0.0/8", [`metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: ${ONLY_LB}`]],
    ["beside the field (the field wins; the annotation is not read)", { type: "LoadBalancer", ports, loadBalancerSourceRanges: ["10.0.0.0/8"] }, "office", []],
  ])("GIVEN the load-balancer-source-ranges annotation %s WHEN validated THEN %j", (_case, spec, annotation, expected) => {
    const found = serviceTypeProblems(spec, { "service.beta.kubernetes.io/load-balancer-source-ranges": annotation });
    expect(found.map((problem) => `${problem.path.join(".")}: ${problem.reason}`)).toEqual(expected);
    for (const problem of found) expect(problem.at).toEqual(["metadata", "annotations", "service.beta.kubernetes.io/load-balancer-source-ranges"]);
  });

  it("GIVEN a headless LoadBalancer in a manifest WHEN checked THEN an api-validation error on the clusterIP line, in the API server's words", () => {
    const yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  clusterIP: None\n  ports:\n    - port: 80\n";
    const findings = apiValidationFindings(refusedObjects(parseSource(yaml, "svc.yaml").objects, () => false));
    expect(findings.map((finding) => `${finding.line} ${finding.severity} ${finding.message}`)).toEqual(["7 error spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"]);
  });
});
