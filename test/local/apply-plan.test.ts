import { describe, expect, it } from "vitest";
import { objectsOfTree, planApply, type ServedKinds } from "../../src/local/apply-plan.js";

const served: ServedKinds = new Map([
  ["v1/Namespace", { resource: "namespaces", namespaced: false }],
  ["v1/ResourceQuota", { resource: "resourcequotas", namespaced: true }],
  ["v1/ServiceAccount", { resource: "serviceaccounts", namespaced: true }],
  ["apps/v1/Deployment", { resource: "deployments", namespaced: true }],
  ["autoscaling/v2/HorizontalPodAutoscaler", { resource: "horizontalpodautoscalers", namespaced: true }],
  ["argoproj.io/v1alpha1/Application", { resource: "applications", namespaced: true }],
]);

const tree = new Map([
  ["apps/metrics-server.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: metrics-server, namespace: argocd}\nspec:\n  source: {chart: metrics-server, targetRevision: 3.13.0}\n"],
  ["app/hpa.yaml", "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\n"],
  ["app/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n"],
  ["app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n"],
  ["shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: quota, namespace: shop}\n"],
  ["platform/karpenter.yaml", "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: spot}\n"],
  ["values/chart-values.yaml", "replicas: 2\n"],
]);

describe("planApply", () => {
  const plan = planApply(objectsOfTree(tree), served);

  it("GIVEN a repository WHEN planned THEN namespaces come first, then namespace configuration, workloads, and what refers to workloads", () => {
    expect(plan.phases.map((phase) => [phase.name, phase.objects.map((planned) => `${planned.object.kind} ${planned.object.metadata.name}`)])).toEqual([
      ["namespaces and cluster-wide definitions", ["Namespace argocd", "Namespace shop"]],
      ["namespace configuration", ["ResourceQuota quota", "ServiceAccount web"]],
      ["workloads", ["Deployment web"]],
      ["autoscaling, disruption budgets and the rest", ["Application metrics-server", "HorizontalPodAutoscaler web"]],
    ]);
  });

  it("GIVEN a namespace no file declares WHEN planned THEN it is created as Argo CD's CreateNamespace would", () => {
    expect(plan.phases[0]!.objects.find((planned) => planned.object.metadata.name === "argocd")?.source).toBe("namespace of apps/metrics-server.yaml (Argo CD CreateNamespace=true)");
  });

  it("GIVEN a kind without its CRD and a chart Application WHEN planned THEN both are reported with the reason, and kustomize files and values are not objects", () => {
    expect(plan.skipped).toEqual([
      { key: "NodePool spot", source: "platform/karpenter.yaml", reason: "the API server does not serve karpenter.sh/v1 NodePool: install its CRD (pass the folder holding it with --crds)" },
    ]);
    expect(plan.notRendered).toEqual([{ key: "Application argocd/metrics-server", source: "apps/metrics-server.yaml", reason: "installs the Helm chart metrics-server@3.13.0, which is not rendered offline" }]);
  });
});
