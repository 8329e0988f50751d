import { describe, expect, test } from "vitest";
import { parseLabelSelector } from "../../../../src/check/rules/support/label-selector.js";
import { selectsSomePod } from "../../../../src/check/rules/support/pod-labels.js";
import { contextFromYaml } from "./run-lint-rules.js";

// A Deployment's pods in `shop`, and the pods the Prometheus Operator will run for a Prometheus in `monitoring`.
const { objects } = contextFromYaml(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: "nginx:1.27.3"}]}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
spec:
  podMetadata: {labels: {team: observability}}
`);

describe("pods by labels", () => {
  test.each([
    [["shop"], { matchLabels: { app: "web" } }, true],
    [["shop"], { matchLabels: { app: "web", tier: "back" } }, false],
    [["monitoring"], { matchLabels: { app: "web" } }, false],
    [["monitoring", "shop"], { matchLabels: { app: "web" } }, true],
    [["monitoring"], { matchLabels: { "app.kubernetes.io/name": "prometheus", prometheus: "main" } }, true],
    [["monitoring"], { matchLabels: { team: "observability" } }, true],
    [["shop"], { matchLabels: { team: "observability" } }, false],
    [[], { matchLabels: { app: "web" } }, false],
  ])("GIVEN namespaces %j WHEN selector %j is asked THEN a pod matches: %s", (namespaces, selector, expected) => {
    expect(selectsSomePod(objects, namespaces, parseLabelSelector(selector))).toBe(expected);
  });
});
