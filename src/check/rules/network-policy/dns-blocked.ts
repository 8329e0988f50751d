/**
 * `network-policy/dns-blocked`: a pod whose egress policies (or CoreDNS's own ingress
 * policies) leave no way to port 53 of kube-dns cannot resolve any name, the classic
 * default-deny mistake. Both protocols count: UDP for queries, TCP for answers over 512
 * bytes and for retries after truncation. Pods with hostNetwork are not subject to
 * NetworkPolicies and are skipped.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { includesPort } from "./port-set.js";
import { allowedUnder, buildNetworkModel, endpointOf, KUBE_DNS, policiesSelecting, selects, type Endpoint } from "./reachability.js";

const PARAMS = (zod: typeof z) =>
  zod
    .object({
      /** Namespace of the cluster DNS pods. */
      namespace: zod.string().min(1),
      /** Labels of the cluster DNS pods. */
      podLabels: zod.record(zod.string(), zod.string()),
    })
    .strict();

function names(values: readonly string[]): string {
  return [...new Set(values)].sort().join(", ");
}

export const dnsBlockedTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "dns-blocked",
  description: "Pods selected by egress NetworkPolicies must still reach the cluster DNS on port 53 (UDP and TCP).",
  params: PARAMS,
  check(context, params, report) {
    const model = buildNetworkModel(context.objects);
    const dns: Endpoint = { ...KUBE_DNS, label: `${params.namespace}/cluster-dns`, namespace: params.namespace, labels: params.podLabels };
    // The same for every workload: the policies of the DNS namespace that select the DNS pods.
    const dnsIngressPolicies = policiesSelecting(model, dns, "ingress");
    for (const workload of model.workloads) {
      // NetworkPolicies do not apply to pods on the host's network namespace.
      if (workload.podSpec.hostNetwork === true) continue;
      const source = endpointOf(workload);
      const egressPolicies = policiesSelecting(model, source, "egress");
      if (egressPolicies.length === 0 && dnsIngressPolicies.length === 0) continue;
      const allowed = allowedUnder(model, egressPolicies, dnsIngressPolicies, source, dns);
      const blocked = ["UDP", "TCP"].filter((protocol) => !includesPort(allowed, protocol, 53));
      if (blocked.length === 0) continue;
      const ports = blocked.map((protocol) => `53/${protocol}`).join(" and ");
      // What the workload's own egress policies allow, as if they were the only policies of the input.
      const egressOnly = allowedUnder(
        model,
        egressPolicies,
        egressPolicies.filter((policy) => policy.ingress !== undefined && selects(policy, dns)),
        source,
        dns,
      );
      const egressBlocks = blocked.some((protocol) => !includesPort(egressOnly, protocol, 53));
      const culprits = egressBlocks
        ? `egress NetworkPolicies ${names(egressPolicies.map((policy) => policy.source.name))} of this workload`
        : `ingress NetworkPolicies ${names(dnsIngressPolicies.map((policy) => policy.source.name))} in ${params.namespace}`;
      report(
        workload.source,
        `DNS is blocked: ${culprits} allow no traffic to ${ports} of the DNS pods in namespace ${params.namespace}`,
      );
    }
  },
};
