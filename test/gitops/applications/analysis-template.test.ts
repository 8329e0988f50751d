import { describe, expect, it } from "vitest";
import { analysisTemplate, successRateQuery } from "../../../src/gitops/applications/analysis-template.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("analysisTemplate", () => {
  it("GIVEN the reference api-server WHEN built THEN it asks Prometheus for the canary's non-5xx share and requires 0.99", () => {
    const spec = parseSpec({}, "test");
    expect(analysisTemplate("api-server", spec.applications["api-server"]!)).toEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AnalysisTemplate",
      metadata: {
        name: "api-server-success-rate",
        namespace: "production",
        labels: { "app.kubernetes.io/name": "api-server", "app.kubernetes.io/managed-by": "slipway" },
      },
      spec: {
        args: [{ name: "canary-hash" }],
        metrics: [
          {
            name: "success-rate",
            interval: "1m",
            initialDelay: "2m",
            failureLimit: 2,
            successCondition: "result[0] >= 0.99",
            provider: {
              prometheus: {
                address: "http://kube-prometheus-stack-prometheus.monitoring.svc:9090",
                query:
                  'sum(rate(http_requests_total{namespace="production", rollouts_pod_template_hash="{{args.canary-hash}}", code!~"5.."}[2m]))' +
                  ' / sum(rate(http_requests_total{namespace="production", rollouts_pod_template_hash="{{args.canary-hash}}"}[2m]))',
              },
            },
          },
        ],
      },
    });
  });

  it("GIVEN an app in staging requiring 0.95 WHEN built THEN the query reads staging and the condition is 0.95", () => {
    const spec = parseSpec(
      { applications: { web: { namespace: "staging", canary: { steps: [{ weight: 10, pause: "2m" }], successRate: 0.95 } } } },
      "test",
    );
    const template = analysisTemplate("web", spec.applications.web!);
    const metric = (template.spec as { metrics: { successCondition: string; provider: { prometheus: { query: string } } }[] }).metrics[0]!;
    expect(metric.successCondition).toBe("result[0] >= 0.95");
    expect(metric.provider.prometheus.query).toBe(successRateQuery("staging"));
    expect(successRateQuery("staging")).toContain('namespace="staging"');
  });
});
