import { describe, expect, it } from "vitest";
import { prometheusAdapterGenerator } from "../../../src/gitops/addons/prometheus-adapter.js";
import { generate } from "./support.js";

describe("prometheus-adapter values", () => {
  it("GIVEN the reference spec THEN it queries kube-prometheus-stack's Prometheus and serves http_requests_per_second per pod", () => {
    const { values } = generate(prometheusAdapterGenerator);
    expect(values.prometheus).toEqual({ url: "http://kube-prometheus-stack-prometheus.monitoring.svc", port: 9090, path: "" });
    expect(values.rules.default).toBe(false);
    expect(values.rules.custom).toEqual([
      {
        seriesQuery: 'http_requests_total{namespace!="",pod!=""}',
        resources: { overrides: { namespace: { resource: "namespace" }, pod: { resource: "pod" } } },
        name: { matches: "^http_requests_total$", as: "http_requests_per_second" },
        metricsQuery: "sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)",
      },
    ]);
  });
});
