import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { LINT_RULES, reachabilityMatrix } from "../../../../src/check/rules/index.js";
import { REPO_ROOT } from "../../../support/paths.js";
import { contextFromYaml, loadContext } from "../support/run-lint-rules.js";

describe("reachabilityMatrix", () => {
  test("GIVEN the clean corpus WHEN the matrix is drawn THEN it shows default-deny, DNS and the web → api allowance", async () => {
    const context = await loadContext(resolve(REPO_ROOT, "test/fixtures/check/clean"));
    expect(reachabilityMatrix(context)).toBe(
      [
        "Reachability under the NetworkPolicies of the input: a cell lists the ports the source (row)",
        'may open on the destination\'s pods (column): "all" every port and protocol, "-" none,',
        '"TCP/*" every TCP port.',
        "",
        "Namespace shop",
        "  1    CronJob report",
        "  2    Deployment web",
        "  3    Rollout api",
        "  dns  kube-system/kube-dns",
        "",
        "  from \\ to  1  2  3         dns",
        "  1          -  -  -         TCP/53,UDP/53",
        "  2          -  -  TCP/8080  TCP/53,UDP/53",
        "  3          -  -  -         TCP/53,UDP/53",
        "",
      ].join("\n"),
    );
  });

  test("GIVEN no workloads WHEN the matrix is drawn THEN it says so", () => {
    expect(reachabilityMatrix(contextFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n"))).toBe(
      "Reachability: no workloads (pod templates) in the input.\n",
    );
  });

  test("GIVEN workloads without policies WHEN the matrix is drawn THEN every cell is all", () => {
    const context = contextFromYaml(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nspec: {containers: [{name: a, image: a:1}]}\n",
    );
    expect(reachabilityMatrix(context)).toContain("  from \\ to  1    dns\n  1          all  all\n");
  });

  test("GIVEN two namespaces WHEN the matrix is drawn THEN connections between them are listed, fully open pairs on one line", () => {
    const pod = (name: string, namespace: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${namespace}, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: c:1, ports: [{name: http, containerPort: 8080}]}]}\n`;
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-monitoring, namespace: prod}
spec:
  podSelector: {}
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}, podSelector: {matchLabels: {app: prometheus}}}], ports: [{port: http}]}]
`;
    const text = reachabilityMatrix(contextFromYaml([pod("prometheus", "monitoring"), pod("grafana", "monitoring"), pod("api", "prod"), policy].join("---\n")));
    expect(text.slice(text.indexOf("Between namespaces"))).toBe(
      [
        "Between namespaces",
        "  monitoring/Pod prometheus → prod/Pod api: TCP/8080",
        "  prod → monitoring: all workloads, all ports",
        "",
      ].join("\n"),
    );
  });

  test("GIVEN 2 namespaces of 360 pods each, every ingress limited to one port WHEN the matrix is drawn THEN all 259,200 connections between them are listed (no stack overflow)", () => {
    const documents: string[] = [];
    for (const namespace of ["a", "b"]) {
      documents.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: http-only, namespace: ${namespace}}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 8080}]}]`);
      for (let index = 0; index < 360; index++) {
        documents.push(`apiVersion: v1
kind: Pod
metadata: {name: pod-${index}, namespace: ${namespace}, labels: {app: pod-${index}}}
spec: {containers: [{name: app, image: "app:1.0.0"}]}`);
      }
    }
    const matrix = reachabilityMatrix(contextFromYaml(documents.join("\n---\n")));
    const between = matrix.slice(matrix.indexOf("Between namespaces\n")).split("\n");
    expect(between.filter((line) => line.endsWith(": TCP/8080"))).toHaveLength(2 * 360 * 360);
    expect(between).toContain("  a/Pod pod-0 → b/Pod pod-359: TCP/8080");
  });

  test("GIVEN the lint rules WHEN reports are listed THEN exactly one network-policy rule reports the matrix", async () => {
    const context = await loadContext(resolve(REPO_ROOT, "test/fixtures/check/clean"));
    const reporting = LINT_RULES.filter((rule) => rule.report);
    expect(reporting.map((rule) => rule.id)).toEqual(["network-policy/workload-without-policy"]);
    expect(reporting[0]?.report?.(context)).toBe(reachabilityMatrix(context));
  });
});
