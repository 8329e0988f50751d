/**
 * Template `container-resource`: every container sets `resources.<field>.<resource>`.
 * Without requests the scheduler packs pods blindly and the HPA cannot compute
 * utilisation; without a memory limit one pod can take a node's memory. Values a
 * namespace LimitRange fills in at admission count as set.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { hasEffectiveResource, limitRangeDefaults } from "../support/resources.js";
import { workloadsOf } from "../support/workloads.js";

const PARAMS = (zod: typeof z) =>
  zod
    .object({
      field: zod.enum(["requests", "limits"]),
      resource: zod.string().min(1),
    })
    .strict();

export const containerResourceTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "container-resource",
  description: "Every container sets resources.<field>.<resource> (directly or through the namespace's LimitRange defaults).",
  params: PARAMS,
  check(context, params, report) {
    for (const workload of workloadsOf(context.objects)) {
      const defaults = limitRangeDefaults(context.objects, workload.namespace);
      for (const container of workload.containers) {
        if (hasEffectiveResource(container, params.field, params.resource, defaults)) continue;
        report(
          workload.source,
          `container "${container.name}" has no resources.${params.field}.${params.resource}`,
          `set resources.${params.field}.${params.resource} on container "${container.name}"`,
          container.path && [...container.path, "resources", params.field, params.resource],
        );
      }
    }
  },
};
