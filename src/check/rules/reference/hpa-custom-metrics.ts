/**
 * `reference/hpa-custom-metrics`: Pods and Object metrics come from the custom metrics
 * API, External metrics from the external metrics API. If nothing in the input serves the
 * API the HPA never gets a value (FailedGetPodsMetric); if the server's rules are known
 * and do not produce the name, same result.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { hpasOf, metricsOf } from "./hpa-model.js";
import { METRICS_API_GROUPS, metricsServers, type MetricsApi, type MetricsServer } from "./metrics-servers.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

export const hpaCustomMetricsTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "hpa-custom-metrics",
  description: "Custom and external HPA metrics are served by an adapter in the input, under the name the HPA asks for.",
  params: PARAMS,
  check(context, _params, report) {
    const servers = metricsServers(context.objects);
    const serving = (api: MetricsApi) => servers.filter((server) => server.apis.has(api));
    const candidatesByApi: Readonly<Record<MetricsApi, readonly MetricsServer[]>> = { custom: serving("custom"), external: serving("external") };
    for (const hpa of hpasOf(context.objects)) {
      for (const metric of metricsOf(hpa)) {
        if (metric.type === "Resource") continue;
        const api: MetricsApi = metric.type === "External" ? "external" : "custom";
        const candidates = candidatesByApi[api];
        if (candidates.length === 0) {
          report(
            hpa,
            `${metric.type} metric ${metric.name} needs the ${METRICS_API_GROUPS[api]} API, but nothing in the input serves it (no APIService, prometheus-adapter or KEDA)`,
            `install a metrics adapter that serves ${METRICS_API_GROUPS[api]}, e.g. prometheus-adapter with a rule producing ${metric.name}`,
          );
          continue;
        }
        if (candidates.some((server) => !server.served || server.served[api].has(metric.name))) continue;
        const served = [...new Set(candidates.flatMap((server) => [...(server.served?.[api] ?? [])]))].sort();
        report(
          hpa,
          `${metric.type} metric ${metric.name} is not among the ${api} metrics ${candidates.map((server) => server.label).join(", ")} serves (${served.join(", ") || "none"})`,
          `use one of the served metric names, or add a rule to the adapter whose name.as produces ${metric.name}`,
        );
      }
    }
  },
};
