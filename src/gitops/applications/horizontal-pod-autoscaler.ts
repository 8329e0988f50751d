/**
 * The HPA of an application. It scales the Rollout, not a Deployment: a Rollout has a
 * scale subresource, and Argo Rollouts shares the HPA's replica count between the stable
 * and canary ReplicaSets during an update.
 *
 * Metrics: CPU and memory utilisation (percent of requests, from Metrics Server) and
 * `http_requests_per_second` per pod, which the custom-metrics adapter computes from
 * Prometheus. The HPA scales to the largest replica count any metric asks for.
 */
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IHPAScalingRules } from "kubernetes-models/autoscaling/v2/HPAScalingRules";
import type { IMetricSpec } from "kubernetes-models/autoscaling/v2/MetricSpec";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { CRD_API_VERSIONS } from "../../versions.js";
import { REQUESTS_PER_SECOND_METRIC } from "../conventions.js";
import { applicationLabels } from "./labels.js";

type ScalingRule = ApplicationSpec["autoscaling"]["scaleUp"];

function scalingRules(rule: ScalingRule): IHPAScalingRules {
  return {
    stabilizationWindowSeconds: rule.stabilizationWindowSeconds,
    selectPolicy: "Max",
    policies: [{ type: "Percent", value: rule.percent, periodSeconds: rule.periodSeconds }],
  };
}

export function hpaMetrics(application: ApplicationSpec): IMetricSpec[] {
  const { cpuUtilization, memoryUtilization, requestsPerSecond } = application.autoscaling;
  const metrics: IMetricSpec[] = [];
  if (cpuUtilization !== null) {
    metrics.push({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpuUtilization } } });
  }
  if (memoryUtilization !== null) {
    metrics.push({ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: memoryUtilization } } });
  }
  if (requestsPerSecond !== null) {
    metrics.push({
      type: "Pods",
      pods: { metric: { name: REQUESTS_PER_SECOND_METRIC }, target: { type: "AverageValue", averageValue: String(requestsPerSecond) } },
    });
  }
  return metrics;
}

export function horizontalPodAutoscaler(name: string, application: ApplicationSpec): KubeObject {
  const scaling = application.autoscaling;
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name, namespace: application.namespace, labels: applicationLabels(name) },
    spec: {
      scaleTargetRef: { apiVersion: CRD_API_VERSIONS.argoRollouts, kind: "Rollout", name },
      minReplicas: scaling.minReplicas,
      maxReplicas: scaling.maxReplicas,
      metrics: hpaMetrics(application),
      behavior: { scaleUp: scalingRules(scaling.scaleUp), scaleDown: scalingRules(scaling.scaleDown) },
    },
  } satisfies IHorizontalPodAutoscaler;
}
