/**
 * `network-policy/namespace-selector-matches-nothing` and
 * `network-policy/pod-selector-matches-nothing`: a selector that selects nothing makes a
 * rule dead (an allow that allows nothing) or a policy that protects nothing, and is
 * almost always a typo or a label the namespace or pod does not carry. Namespaces carry
 * `kubernetes.io/metadata.name` automatically; other namespace labels are only known when
 * the input declares Namespace objects, so selectors on them are checked only then. Pod
 * selectors are checked only in namespaces whose pods the input describes.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { objectsOfKind } from "../support/find-objects.js";
import { namespacesWithKnownPods } from "../support/input-coverage.js";
import { formatSelector, isEmptySelector } from "../support/label-selector.js";
import { NAME_LABEL } from "../support/namespaces.js";
import { selectsSomePod } from "../support/pod-labels.js";
import type { NetworkPolicyModel, PolicyPeer } from "./network-policy-model.js";
import { buildNetworkModel, namespacesSelectedBy } from "./reachability.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

interface PeerAt {
  readonly peer: Extract<PolicyPeer, { type: "pods" }>;
  readonly direction: "ingress" | "egress";
  /** 0-based positions of the rule and of the peer in it. */
  readonly rule: number;
  readonly position: number;
}

/** `ingress rule 1 peer 2`, 1-based as people count: spelled only for a finding. */
function whereOf(at: PeerAt): string {
  return `${at.direction} rule ${at.rule + 1} peer ${at.position + 1}`;
}

function peersOf(policy: NetworkPolicyModel): PeerAt[] {
  const result: PeerAt[] = [];
  for (const [direction, rules] of [
    ["ingress", policy.ingress],
    ["egress", policy.egress],
  ] as const) {
    (rules ?? []).forEach((rule, ruleIndex) => {
      if (rule.peers === "all") return;
      rule.peers.forEach((peer, peerIndex) => {
        if (peer.type === "pods") result.push({ peer, direction, rule: ruleIndex, position: peerIndex });
      });
    });
  }
  return result;
}

export const namespaceSelectorMatchesNothingTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "namespace-selector-matches-nothing",
  description: "Every namespaceSelector of a NetworkPolicy peer selects at least one namespace of the input.",
  params: PARAMS,
  check(context, _params, report) {
    const model = buildNetworkModel(context.objects);
    const namespacesDeclared = objectsOfKind(context.objects, "Namespace").length > 0;
    const known = [...model.namespaces.keys()].sort().join(", ");
    for (const policy of model.policies) {
      for (const at of peersOf(policy)) {
        const peer = at.peer;
        const selector = peer.namespaceSelector;
        if (!selector || selector.malformed || isEmptySelector(selector)) continue;
        const onNameOnly = selector.requirements.every((requirement) => requirement.key === NAME_LABEL);
        if (!onNameOnly && !namespacesDeclared) continue;
        if (model.namespaceIndex.matchesAny(selector)) continue;
        report(
          policy.source,
          `namespaceSelector ${formatSelector(selector)} of ${whereOf(at)} matches no namespace; namespaces in the input: ${known}`,
          `select namespaces by a label they carry, e.g. ${NAME_LABEL}=<namespace>, or add the label to the Namespace object`,
        );
      }
    }
  },
};

export const podSelectorMatchesNothingTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "pod-selector-matches-nothing",
  description: "The podSelector of a NetworkPolicy and of its peers selects at least one pod template of the input.",
  params: PARAMS,
  check(context, _params, report) {
    const model = buildNetworkModel(context.objects);
    const covered = namespacesWithKnownPods(context.objects);
    // Pods of the input, and those controllers of the input create at run time (pod-labels.ts).
    for (const policy of model.policies) {
      const own = policy.podSelector;
      if (!own.malformed && !isEmptySelector(own) && covered.has(policy.namespace) && !selectsSomePod(context.objects, [policy.namespace], own)) {
        report(policy.source, `podSelector ${formatSelector(own)} selects no pod in namespace ${policy.namespace}: the policy protects nothing`);
      }
      for (const at of peersOf(policy)) {
        const peer = at.peer;
        const selector = peer.podSelector;
        if (!selector || selector.malformed || isEmptySelector(selector) || peer.namespaceSelector?.malformed) continue;
        const namespaces = peer.namespaceSelector ? namespacesSelectedBy(model, peer.namespaceSelector) : [policy.namespace];
        if (namespaces.length === 0 || !namespaces.every((namespace) => covered.has(namespace))) continue;
        if (selectsSomePod(context.objects, namespaces, selector)) continue;
        report(
          policy.source,
          `podSelector ${formatSelector(selector)} of ${whereOf(at)} matches no pod in namespace${namespaces.length > 1 ? "s" : ""} ${namespaces.sort().join(", ")}`,
        );
      }
    }
  },
};
