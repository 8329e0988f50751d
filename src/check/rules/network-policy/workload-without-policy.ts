/**
 * `network-policy/workload-without-policy`: in a namespace that uses NetworkPolicies, a
 * workload no policy selects is open in both directions, usually by oversight (a label
 * that drifted from the policies' podSelectors). Its report is the reachability matrix
 * (`slipway check --show-reachability`): who may reach whom, not just who is unprotected.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { buildNetworkModel, endpointOf, selects } from "./reachability.js";
import { reachabilityMatrix } from "./reachability-matrix.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

export const workloadWithoutPolicyTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "workload-without-policy",
  description: "Every workload of a namespace that has NetworkPolicies is selected by at least one of them.",
  params: PARAMS,
  check(context, _params, report) {
    const model = buildNetworkModel(context.objects);
    const namesByNamespace = new Map<string, string>();
    for (const workload of model.workloads) {
      if (workload.podSpec.hostNetwork === true) continue; // NetworkPolicies do not apply to it
      const policies = model.policiesByNamespace.get(workload.namespace);
      if (policies === undefined) continue;
      const endpoint = endpointOf(workload);
      if (model.policyIndex.get(workload.namespace)?.candidates(endpoint.labels).some((policy) => selects(policy, endpoint))) continue;
      let policyNames = namesByNamespace.get(workload.namespace);
      if (policyNames === undefined) {
        policyNames = [...new Set(policies.map((policy) => policy.source.name))].sort().join(", ");
        namesByNamespace.set(workload.namespace, policyNames);
      }
      report(
        workload.source,
        `no NetworkPolicy selects this workload although namespace ${workload.namespace} has NetworkPolicies (${policyNames}): all its ingress and egress is allowed`,
      );
    }
  },
  report: (context) => reachabilityMatrix(context),
};
