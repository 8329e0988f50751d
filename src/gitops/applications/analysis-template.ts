/**
 * The AnalysisTemplate a canary is judged by: the share of the canary's HTTP requests
 * that did not fail with a 5xx, from Prometheus.
 *
 * The canary's series are told apart by `rollouts_pod_template_hash`, the pod label
 * Argo Rollouts sets on each ReplicaSet's pods, which the ServiceMonitor copies into
 * every scraped series (`podTargetLabels`). The Rollout passes the canary's hash as an
 * argument, so the query reads the canary only, never the stable pods.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { CRD_API_VERSIONS } from "../../versions.js";
import { PROMETHEUS_URL, REQUESTS_COUNTER } from "../conventions.js";
import { applicationLabels } from "./labels.js";

export const CANARY_HASH_ARGUMENT = "canary-hash";

export const ANALYSIS = {
  /** How often the success rate is measured while the canary runs. */
  interval: "1m",
  /** Rate window: at least two scrapes at the 30s interval, with margin. */
  rateWindow: "2m",
  /** Wait one rate window before the first measurement so it has data. */
  initialDelay: "2m",
  /** Failed measurements tolerated before the rollout is aborted. */
  failureLimit: 2,
} as const;

export function analysisTemplateName(name: string): string {
  return `${name}-success-rate`;
}

export function successRateQuery(namespace: string): string {
  const selector = `namespace="${namespace}", rollouts_pod_template_hash="{{args.${CANARY_HASH_ARGUMENT}}}"`;
  return (
    `sum(rate(${REQUESTS_COUNTER}{${selector}, code!~"5.."}[${ANALYSIS.rateWindow}]))` +
    ` / sum(rate(${REQUESTS_COUNTER}{${selector}}[${ANALYSIS.rateWindow}]))`
  );
}

export function analysisTemplate(name: string, application: ApplicationSpec): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.argoRollouts,
    kind: "AnalysisTemplate",
    metadata: { name: analysisTemplateName(name), namespace: application.namespace, labels: applicationLabels(name) },
    spec: {
      args: [{ name: CANARY_HASH_ARGUMENT }],
      metrics: [
        {
          name: "success-rate",
          interval: ANALYSIS.interval,
          initialDelay: ANALYSIS.initialDelay,
          failureLimit: ANALYSIS.failureLimit,
          successCondition: `result[0] >= ${application.canary.successRate}`,
          provider: { prometheus: { address: PROMETHEUS_URL, query: successRateQuery(application.namespace) } },
        },
      ],
    },
  };
}
