import { describe, expect, test } from "vitest";
import { metricsServers } from "../../../../src/check/rules/reference/metrics-servers.js";
import { contextFromYaml } from "../support/run-lint-rules.js";

function adapter(rules: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: prometheus-adapter, namespace: argocd}
spec:
  project: default
  source:
    repoURL: https://prometheus-community.github.io/helm-charts
    chart: prometheus-adapter
    targetRevision: 5.1.0
    helm:
      valuesObject:
        rules:
${rules}
  destination: {server: https://kubernetes.default.svc, namespace: monitoring}
`;
}

function served(rules: string): unknown {
  const [server] = metricsServers(contextFromYaml(adapter(rules)).objects);
  return server?.served ? { custom: [...server.served.custom].sort(), external: [...server.served.external].sort() } : "any";
}

describe("prometheus-adapter served metric names", () => {
  test.each([
    ["a literal name.as", `          default: false\n          custom: [{seriesQuery: 'up{pod!=""}', name: {as: requests}}]`, { custom: ["requests"], external: [] }],
    ["matches/as over a leading series name", `          default: false\n          custom: [{seriesQuery: 'http_requests_total{pod!=""}', name: {matches: "^(.*)_total$", as: "\${1}_per_second"}}]`, { custom: ["http_requests_per_second"], external: [] }],
    ["a __name__ regex that names one series, default as $1", `          default: false\n          custom: [{seriesQuery: '{__name__=~"^queue_depth_total$"}', name: {matches: "^(.*)_total$"}}]`, { custom: ["queue_depth"], external: [] }],
    ["no name: the series name as-is", `          default: false\n          external: [{seriesQuery: 'sqs_messages_visible{queue!=""}'}]`, { custom: [], external: ["sqs_messages_visible"] }],
    ["a regex over many series", `          default: false\n          custom: [{seriesQuery: '{__name__=~"^container_.*"}', name: {matches: "^container_(.*)_seconds_total$"}}]`, "any"],
    ["the chart's default rules", `          custom: [{seriesQuery: 'up', name: {as: up}}]`, "any"],
    ["an existing ConfigMap", `          default: false\n          existing: adapter-config`, "any"],
  ])("GIVEN rules with %s WHEN served names are computed THEN they are as the adapter would serve", (_name, rules, expected) => {
    expect(served(rules)).toEqual(expected);
  });

  test("GIVEN adapters deployed as Deployments or KEDA WHEN servers are listed THEN their APIs are known", () => {
    const objects = contextFromYaml(`apiVersion: apps/v1
kind: Deployment
metadata: {name: adapter, namespace: monitoring}
spec:
  selector: {matchLabels: {app: adapter}}
  template:
    metadata: {labels: {app: adapter}}
    spec: {containers: [{name: adapter, image: registry.k8s.io/prometheus-adapter/prometheus-adapter:v0.12.0}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: keda, namespace: argocd}
spec:
  project: default
  source: {repoURL: https://kedacore.github.io/charts, chart: keda, targetRevision: 2.16.0}
  destination: {server: https://kubernetes.default.svc, namespace: keda}
`).objects;
    expect(metricsServers(objects).map((server) => `${server.label}: ${[...server.apis].join(",")}`)).toEqual([
      "Application keda: external",
      "Deployment monitoring/adapter: custom,external",
    ]);
  });
});
