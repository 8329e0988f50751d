import { describe, expect, it } from "vitest";
import { horizontalPodAutoscaler } from "../../../src/gitops/applications/horizontal-pod-autoscaler.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("horizontalPodAutoscaler", () => {
  it("GIVEN the reference api-server WHEN built THEN it scales the Rollout 3-50 on CPU 70%, memory 80% and 1000 requests/s per pod with the reference behaviour", () => {
    const spec = parseSpec({}, "test");
    expect(horizontalPodAutoscaler("api-server", spec.applications["api-server"]!)).toEqual({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: {
        name: "api-server",
        namespace: "production",
        labels: { "app.kubernetes.io/name": "api-server", "app.kubernetes.io/managed-by": "slipway" },
      },
      spec: {
        scaleTargetRef: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "api-server" },
        minReplicas: 3,
        maxReplicas: 50,
        metrics: [
          { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
          { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
          { type: "Pods", pods: { metric: { name: "http_requests_per_second" }, target: { type: "AverageValue", averageValue: "1000" } } },
        ],
        behavior: {
          scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] },
          scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: "Max", policies: [{ type: "Percent", value: 10, periodSeconds: 60 }] },
        },
      },
    });
  });

  it("GIVEN an app scaling only on requests with its own behaviour WHEN built THEN the turned-off metrics are absent and the behaviour follows the spec", () => {
    const spec = parseSpec(
      {
        applications: {
          queue: {
            namespace: "staging",
            autoscaling: {
              minReplicas: 2,
              maxReplicas: 8,
              cpuUtilization: null,
              memoryUtilization: null,
              requestsPerSecond: 250,
              scaleUp: { percent: 50, periodSeconds: 30, stabilizationWindowSeconds: 60 },
              scaleDown: { percent: 20, periodSeconds: 120, stabilizationWindowSeconds: 600 },
            },
          },
        },
      },
      "test",
    );
    expect(horizontalPodAutoscaler("queue", spec.applications.queue!).spec).toEqual({
      scaleTargetRef: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "queue" },
      minReplicas: 2,
      maxReplicas: 8,
      metrics: [{ type: "Pods", pods: { metric: { name: "http_requests_per_second" }, target: { type: "AverageValue", averageValue: "250" } } }],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 50, periodSeconds: 30 }] },
        scaleDown: { stabilizationWindowSeconds: 600, selectPolicy: "Max", policies: [{ type: "Percent", value: 20, periodSeconds: 120 }] },
      },
    });
  });
});
