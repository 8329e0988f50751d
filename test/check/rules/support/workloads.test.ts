import { describe, expect, it } from "vitest";
import { workloadsOf } from "../../../../src/check/rules/support/workloads.js";
import { LINT_RULES } from "../../../../src/check/rules/index.js";
import { contextFromYaml } from "./run-lint-rules.js";

const POD = `metadata:
      labels: { app: w }
    spec:
      containers:
        - name: app
          image: example.com/app:1.0`;

function workloads(yaml: string): string[] {
  return workloadsOf(contextFromYaml(yaml).objects).map((workload) => `${workload.source.kind} ${workload.labels.app ?? "-"} ${workload.containers.map((container) => container.name).join(",")}`);
}

describe("workloadsOf", () => {
  it.each([
    ["a ReplicationController", `apiVersion: v1\nkind: ReplicationController\nmetadata: { name: w }\nspec:\n  template:\n    ${POD}\n`, ["ReplicationController w app"]],
    ["an extensions/v1beta1 Deployment", `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: w }\nspec:\n  template:\n    ${POD}\n`, ["Deployment w app"]],
    ["a CronJob", `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: w }\nspec:\n  jobTemplate:\n    spec:\n      template:\n        ${POD.replaceAll("\n    ", "\n        ")}\n`, ["CronJob w app"]],
    ["a PodTemplate (it runs no pod by itself)", `apiVersion: v1\nkind: PodTemplate\nmetadata: { name: w }\ntemplate:\n  ${POD.replaceAll("\n    ", "\n  ")}\n`, []],
    ["a Deployment of another API group", `apiVersion: example.com/v1\nkind: Deployment\nmetadata: { name: w }\nspec:\n  template:\n    ${POD}\n`, []],
    [
      "a Rollout with a workloadRef to a Deployment",
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 0\n  template:\n    ${POD}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: r }\nspec:\n  workloadRef: { apiVersion: apps/v1, kind: Deployment, name: api }\n`,
      ["Deployment w app", "Rollout w app"],
    ],
  ])("GIVEN %s WHEN workloads are read THEN the ones pod-templates.ts finds", (_what, yaml, expected) => {
    expect(workloads(yaml)).toEqual(expected);
  });

  it("GIVEN a ReplicationController with a best-practice defect WHEN the lint rules run THEN it gets the same findings as a Deployment", () => {
    const as = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: w, namespace: prod }\nspec:\n  template:\n    ${POD}\n`;
    const findings = (yaml: string) => {
      const context = contextFromYaml(yaml);
      return LINT_RULES.flatMap((rule) => rule.check(context)).map((finding) => `${finding.ruleId}: ${finding.message}`).sort();
    };
    const forDeployment = findings(as("apps/v1", "Deployment"));
    expect(forDeployment.length).toBeGreaterThan(0);
    expect(findings(as("v1", "ReplicationController"))).toEqual(forDeployment);
  });
});
