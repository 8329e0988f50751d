/**
 * Template `probe`: long-running containers declare the given probe. Without a
 * readinessProbe a Service sends traffic to pods that are not ready (and a canary's
 * analysis measures a warming pod); without a livenessProbe a hung process is never
 * restarted. Jobs and CronJobs run to completion and init containers exit, so they are
 * exempt; sidecars (restartable init containers) are checked like containers.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asRecord } from "../support/json.js";
import { workloadsOf } from "../support/workloads.js";

const PARAMS = (zod: typeof z) => zod.object({ probe: zod.enum(["readinessProbe", "livenessProbe", "startupProbe"]) }).strict();

export const probeTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "probe",
  description: "Every long-running container declares the given probe.",
  params: PARAMS,
  check(context, params, report) {
    for (const workload of workloadsOf(context.objects)) {
      if (workload.runsToCompletion) continue;
      for (const container of workload.containers) {
        if (container.role === "init" || asRecord(container.record[params.probe])) continue;
        report(workload.source, `container "${container.name}" has no ${params.probe}`, `add a ${params.probe} to container "${container.name}"`, container.path);
      }
    }
  },
};
