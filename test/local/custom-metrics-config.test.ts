import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { adapterConfig, prometheusConfig } from "../../src/local/custom-metrics-config.js";
import { REQUESTS_PER_SECOND_RULE } from "../../src/gitops/addons/prometheus-adapter.js";

describe("prometheusConfig", () => {
  it("GIVEN the exporter's port and a compressed interval WHEN configured THEN Prometheus scrapes that one target at that interval, keeping the pods' labels", () => {
    expect(parse(prometheusConfig(4321, "1s500ms"))).toEqual({
      global: { scrape_interval: "1s500ms", evaluation_interval: "1s500ms" },
      scrape_configs: [{ job_name: "slipway-simulate-load", honor_labels: true, static_configs: [{ targets: ["127.0.0.1:4321"] }] }],
    });
  });
});

describe("adapterConfig", () => {
  it("GIVEN a compressed window WHEN configured THEN the adapter runs the platform's own rule with only the rate window changed", () => {
    const rules = parse(adapterConfig("6s")).rules;
    expect(rules).toEqual([{ ...REQUESTS_PER_SECOND_RULE, metricsQuery: "sum(rate(<<.Series>>{<<.LabelMatchers>>}[6s])) by (<<.GroupBy>>)" }]);
  });

  it("GIVEN upstream's window WHEN configured THEN the rule is the platform's as it is", () => {
    expect(parse(adapterConfig("2m")).rules).toEqual([REQUESTS_PER_SECOND_RULE]);
  });
});
