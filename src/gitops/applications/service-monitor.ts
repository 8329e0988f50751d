/**
 * The ServiceMonitor that has Prometheus scrape an application's metrics port.
 *
 * It selects only the root Service, which selects every pod once, so no pod is scraped
 * twice (the stable and canary Services select the same pods between updates). The
 * Rollouts pod-template hash is copied into every series so the canary analysis can
 * tell canary requests from stable ones.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { CRD_API_VERSIONS } from "../../versions.js";
import { KUBE_PROMETHEUS_STACK_RELEASE } from "../conventions.js";
import { METRICS_PORT_NAME, ROLLOUTS_POD_TEMPLATE_HASH_LABEL, applicationLabels, applicationSelector } from "./labels.js";
import { SERVICE_ROLE_LABEL } from "./services.js";

export const SCRAPE_INTERVAL = "30s";

export function serviceMonitor(name: string, application: ApplicationSpec): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.prometheusOperator,
    kind: "ServiceMonitor",
    metadata: {
      name,
      namespace: application.namespace,
      // kube-prometheus-stack's Prometheus selects ServiceMonitors by its release label by
      // default; carrying it works whether or not that selector is relaxed.
      labels: { ...applicationLabels(name), release: KUBE_PROMETHEUS_STACK_RELEASE },
    },
    spec: {
      selector: { matchLabels: { ...applicationSelector(name), [SERVICE_ROLE_LABEL]: "root" } },
      podTargetLabels: [ROLLOUTS_POD_TEMPLATE_HASH_LABEL],
      endpoints: [{ port: METRICS_PORT_NAME, path: "/metrics", interval: SCRAPE_INTERVAL }],
    },
  };
}
