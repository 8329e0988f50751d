/**
 * `network-policy/dns-blocked` and `network-policy/dns-tcp-blocked`: a pod whose egress
 * policies (or CoreDNS's own ingress policies) leave no way to port 53 of kube-dns cannot
 * resolve names, the classic default-deny mistake. The two protocols matter differently,
 * so one template serves two checks by its `blocked` parameter:
 *
 * - `udp` (dns-blocked, an error): 53/UDP is blocked, so no name resolves and the pod
 *   cannot work; the finding also names 53/TCP when it is blocked too;
 * - `tcp-only` (dns-tcp-blocked, a warning): queries over UDP pass, only 53/TCP is blocked.
 *   Names resolve; an answer too large for a UDP packet comes back truncated and its retry
 *   over TCP fails. Allowing only UDP 53 is common (and works for most names), so it is no
 *   error: an error means the object cannot work.
 *
 * Pods with hostNetwork are not subject to NetworkPolicies and are skipped.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import type { SourceObject } from "../../finding.js";
import { memoizeByObjects } from "../support/memoize.js";
import { includesPort } from "./port-set.js";
import { allowedUnder, buildNetworkModel, endpointOf, KUBE_DNS, policiesSelecting, selects, type Endpoint } from "./reachability.js";

const PARAMS = (zod: typeof z) =>
  zod
    .object({
      /** Namespace of the cluster DNS pods. */
      namespace: zod.string().min(1),
      /** Labels of the cluster DNS pods. */
      podLabels: zod.record(zod.string(), zod.string()),
      /** `udp`: report when 53/UDP is blocked (no name resolves); `tcp-only`: when only 53/TCP is. */
      blocked: zod.enum(["udp", "tcp-only"]),
    })
    .strict();

function names(values: readonly string[]): string {
  return [...new Set(values)].sort().join(", ");
}

/** A workload whose DNS traffic some policy blocks: which protocols, and which policies to blame. */
interface BlockedDns {
  readonly workload: SourceObject;
  readonly protocols: readonly string[];
  readonly culprits: string;
}

/**
 * The verdict for every workload, per DNS endpoint: both checks of the template ask the
 * same question of the same policies, so it is answered once per input.
 */
const blockedDnsByEndpoint = memoizeByObjects((_objects: readonly SourceObject[]) => new Map<string, readonly BlockedDns[]>());

function blockedDns(objects: readonly SourceObject[], namespace: string, podLabels: Readonly<Record<string, string>>): readonly BlockedDns[] {
  const cache = blockedDnsByEndpoint(objects);
  const key = JSON.stringify([namespace, Object.entries(podLabels).sort()]);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const model = buildNetworkModel(objects);
  const dns: Endpoint = { ...KUBE_DNS, label: `${namespace}/cluster-dns`, namespace, labels: podLabels };
  // The same for every workload: the policies of the DNS namespace that select the DNS pods.
  const dnsIngressPolicies = policiesSelecting(model, dns, "ingress");
  const result: BlockedDns[] = [];
  for (const workload of model.workloads) {
    // NetworkPolicies do not apply to pods on the host's network namespace.
    if (workload.podSpec.hostNetwork === true) continue;
    const source = endpointOf(workload);
    const egressPolicies = policiesSelecting(model, source, "egress");
    if (egressPolicies.length === 0 && dnsIngressPolicies.length === 0) continue;
    const allowed = allowedUnder(model, egressPolicies, dnsIngressPolicies, source, dns);
    const protocols = ["UDP", "TCP"].filter((protocol) => !includesPort(allowed, protocol, 53));
    if (protocols.length === 0) continue;
    // What the workload's own egress policies allow, as if they were the only policies of the input.
    const egressOnly = allowedUnder(
      model,
      egressPolicies,
      egressPolicies.filter((policy) => policy.ingress !== undefined && selects(policy, dns)),
      source,
      dns,
    );
    const egressBlocks = protocols.some((protocol) => !includesPort(egressOnly, protocol, 53));
    const culprits = egressBlocks
      ? `egress NetworkPolicies ${names(egressPolicies.map((policy) => policy.source.name))} of this workload`
      : `ingress NetworkPolicies ${names(dnsIngressPolicies.map((policy) => policy.source.name))} in ${namespace}`;
    result.push({ workload: workload.source, protocols, culprits });
  }
  cache.set(key, result);
  return result;
}

export const dnsBlockedTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "dns-blocked",
  description: "Pods selected by egress NetworkPolicies must still reach the cluster DNS on port 53: over UDP (`blocked: udp`), and over TCP for truncated answers (`blocked: tcp-only`).",
  params: PARAMS,
  check(context, params, report) {
    for (const { workload, protocols, culprits } of blockedDns(context.objects, params.namespace, params.podLabels)) {
      if ((params.blocked === "udp") !== protocols.includes("UDP")) continue;
      const ports = protocols.map((protocol) => `53/${protocol}`).join(" and ");
      report(
        workload,
        params.blocked === "udp"
          ? `DNS is blocked: ${culprits} allow no traffic to ${ports} of the DNS pods in namespace ${params.namespace}`
          : `DNS over TCP is blocked: ${culprits} allow no traffic to ${ports} of the DNS pods in namespace ${params.namespace}; names resolve over UDP, but an answer too large for UDP is truncated and its retry over TCP fails`,
      );
    }
  },
};
