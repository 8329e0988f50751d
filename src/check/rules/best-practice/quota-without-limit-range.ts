/**
 * Template `quota-without-limit-range`: once a ResourceQuota constrains compute
 * (`requests.cpu`, `limits.memory`, ...), the API server rejects every pod that does not
 * set those values ("must specify limits.memory"). A LimitRange with defaults for the
 * namespace fills them in; without one, any chart or Job that omits them fails to start.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { objectsOfKind } from "../support/find-objects.js";
import { asRecord, getPath } from "../support/json.js";
import { namespaceOf } from "../support/namespaces.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

const COMPUTE_KEYS = new Set(["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"]);

export const quotaWithoutLimitRangeTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "quota-without-limit-range",
  description: "A namespace whose ResourceQuota constrains cpu or memory also has a LimitRange.",
  params: PARAMS,
  check(context, _params, report) {
    const withLimitRange = new Set(objectsOfKind(context.objects, "LimitRange").map(namespaceOf));
    for (const quota of objectsOfKind(context.objects, "ResourceQuota")) {
      if (quota.apiVersion !== "v1") continue;
      const namespace = namespaceOf(quota);
      const constrained = Object.keys(asRecord(getPath(quota.document, "spec", "hard")) ?? {})
        .filter((key) => COMPUTE_KEYS.has(key))
        .sort();
      if (constrained.length === 0 || withLimitRange.has(namespace)) continue;
      report(
        quota,
        `ResourceQuota constrains ${constrained.join(", ")} but namespace ${namespace} has no LimitRange: pods that do not set them are rejected`,
        `add a LimitRange with default and defaultRequest for cpu and memory to namespace ${namespace}`,
      );
    }
  },
};
