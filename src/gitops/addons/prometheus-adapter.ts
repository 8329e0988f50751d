/**
 * prometheus-adapter: serves the custom metrics API the HPA reads. One rule turns the
 * applications' `http_requests_total` counter into the per-pod rate
 * `http_requests_per_second`; the resource metrics API stays with Metrics Server.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import { REQUESTS_COUNTER, REQUESTS_PER_SECOND_METRIC } from "../conventions.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { PROMETHEUS_URL } from "./monitoring-endpoints.js";

export const REQUESTS_PER_SECOND_RULE = {
  seriesQuery: `${REQUESTS_COUNTER}{namespace!="",pod!=""}`,
  resources: { overrides: { namespace: { resource: "namespace" }, pod: { resource: "pod" } } },
  name: { matches: `^${REQUESTS_COUNTER}$`, as: REQUESTS_PER_SECOND_METRIC },
  // A 2m window spans several scrapes, so one missed scrape does not zero the rate.
  metricsQuery: "sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)",
} as const;

export function prometheusAdapterValues(): Record<string, unknown> {
  // The chart takes the URL without port and the port separately.
  const url = new URL(PROMETHEUS_URL);
  return {
    replicas: 2,
    prometheus: { url: `${url.protocol}//${url.hostname}`, port: Number(url.port), path: "" },
    rules: { default: false, custom: [REQUESTS_PER_SECOND_RULE] },
  };
}

export const prometheusAdapterGenerator: GitOpsGenerator = ({ names }) => [
  addonFile(
    "monitoring",
    chartApplication({
      name: "prometheus-adapter",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.monitoring,
      destinationNamespace: names.namespaces.monitoring,
      namespaceMetadata: addonNamespaceMetadata(names, names.namespaces.monitoring),
      chart: "prometheusAdapter",
      values: prometheusAdapterValues(),
    }),
  ),
];
