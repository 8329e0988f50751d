/**
 * `reference/hpa-resource-requests`: a Utilization target is a percentage of the pods'
 * requests, so every container the metric covers must request that resource; otherwise
 * the HPA reports "missing request for cpu" and does not scale at all. Requests filled
 * in by a LimitRange of the namespace count.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { limitRangeDefaults, hasEffectiveResource } from "../support/resources.js";
import { hpasOf, metricsOf, scaledWorkload } from "./hpa-model.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

export const hpaResourceRequestsTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "hpa-resource-requests",
  description: "Containers scaled on a resource Utilization target request that resource.",
  params: PARAMS,
  check(context, _params, report) {
    for (const hpa of hpasOf(context.objects)) {
      const workload = scaledWorkload(context.objects, hpa);
      if (!workload) continue;
      const defaults = limitRangeDefaults(context.objects, workload.namespace);
      const reported = new Set<string>();
      for (const metric of metricsOf(hpa)) {
        if (metric.type !== "Resource" || metric.targetType !== "Utilization") continue;
        // Pod-level utilisation sums app containers and restartable init (sidecar) containers.
        const covered = workload.containers.filter((container) =>
          metric.container ? container.name === metric.container : container.role !== "init",
        );
        const missing = covered
          .filter((container) => !hasEffectiveResource(container, "requests", metric.resource, defaults))
          .map((container) => `"${container.name}"`);
        const key = `${metric.resource}/${metric.container ?? ""}`;
        if (missing.length === 0 || reported.has(key)) continue;
        reported.add(key);
        report(
          hpa,
          `${metric.resource} Utilization target needs ${metric.resource} requests, but container${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${workload.source.kind} ${workload.source.name} request${missing.length > 1 ? "" : "s"} no ${metric.resource}: the HPA cannot compute utilisation`,
          `set resources.requests.${metric.resource} on every container of ${workload.source.kind} ${workload.source.name}, or target an AverageValue instead`,
        );
      }
    }
  },
};
