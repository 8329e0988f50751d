/**
 * `reference/service-selector` and `reference/pdb-selector`: a Service whose selector
 * matches no pod has no endpoints; a PodDisruptionBudget that matches no pod protects
 * nothing. Only namespaces whose pods the input describes are checked (see
 * input-coverage.ts), so Services in front of chart-installed pods stay quiet; pods that
 * operators of the input create at run time count as pods (runtime-objects.ts).
 */
import type { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { namespacesWithKnownPods } from "../support/input-coverage.js";
import { asRecord, getPath } from "../support/json.js";
import { objectsOfKind } from "../support/find-objects.js";
import { formatSelector, isEmptySelector, parseLabelSelector, selectorFromMap, type LabelSelector } from "../support/label-selector.js";
import { namespaceOf } from "../support/namespaces.js";
import { selectsSomePod } from "../support/pod-labels.js";

const PARAMS = (zod: typeof z) => zod.object({ kind: zod.enum(["Service", "PodDisruptionBudget"]) }).strict();

function selectorOf(object: SourceObject): LabelSelector | undefined {
  if (object.kind === "Service" && object.apiVersion === "v1") {
    if (getPath(object.document, "spec", "type") === "ExternalName") return undefined;
    const selector = asRecord(getPath(object.document, "spec", "selector"));
    return selector ? selectorFromMap(selector) : undefined;
  }
  if (object.kind === "PodDisruptionBudget" && object.apiVersion.startsWith("policy/")) {
    const selector = getPath(object.document, "spec", "selector");
    return selector === undefined ? undefined : parseLabelSelector(selector);
  }
  return undefined;
}

export const selectorMatchesPodsTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "selector-matches-pods",
  description: "The selector of an object of the given kind matches a pod template in its namespace.",
  params: PARAMS,
  check(context, params, report) {
    const covered = namespacesWithKnownPods(context.objects);
    for (const object of objectsOfKind(context.objects, params.kind)) {
      const selector = selectorOf(object);
      const namespace = namespaceOf(object);
      if (!selector || selector.malformed || isEmptySelector(selector) || !covered.has(namespace)) continue;
      // Pods of the input, and those an operator of the input creates at run time (a Prometheus CR's StatefulSet).
      if (selectsSomePod(context.objects, [namespace], selector)) continue;
      report(object, `selector ${formatSelector(selector)} matches no pod template in namespace ${namespace}`);
    }
  },
};
