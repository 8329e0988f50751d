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
  [
    "apps/loki.yaml",
    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: loki, namespace: argocd}\nspec:\n  source: {chart: loki, targetRevision: 6.0.0}\n  destination: {namespace: monitoring}\n  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n    managedNamespaceMetadata: {labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/audit: restricted, pod-security.kubernetes.io/warn: restricted}}\n",
  ],
  ["app/hpa.yaml", "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\n"],
  ["app/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n"],
  ["app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n"],
  ["shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: quota, namespace: shop}\n"],
  ["platform/karpenter.yaml", "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: spot}\n"],
  ["values/chart-values.yaml", "replicas: 2\n"],
]);

const lokiDeployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "loki-read" } };
const lokiRole = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "loki" } };

describe("planApply", () => {
  const plan = planApply(objectsOfTree(tree), served);
  const withAddons = planApply(
    [...objectsOfTree(tree), { object: lokiDeployment, source: "addon loki (loki@6.0.0)", namespace: "monitoring" }, { object: lokiRole, source: "addon loki (loki@6.0.0)", namespace: "monitoring" }],
    new Map([...served, ["rbac.authorization.k8s.io/v1/ClusterRole", { resource: "clusterroles", namespaced: false }]]),
    { renderedApplications: new Set(["loki"]), notRenderedReasons: new Map([["metrics-server", "the chart metrics-server@3.13.0 is not available"]]) },
  );

  it("GIVEN a repository WHEN planned THEN namespaces come first, then namespace configuration, workloads, and what refers to workloads", () => {
    expect(plan.phases.map((phase) => [phase.name, phase.objects.map((planned) => `${planned.object.kind} ${planned.object.metadata.name}`)])).toEqual([
      ["namespaces and cluster-wide definitions", ["Namespace argocd", "Namespace monitoring", "Namespace shop"]],
      ["namespace configuration", ["ResourceQuota quota", "ServiceAccount web"]],
      ["workloads", ["Deployment web"]],
      ["autoscaling, disruption budgets and the rest", ["Application loki", "Application metrics-server", "HorizontalPodAutoscaler web"]],
    ]);
  });

  it("GIVEN a namespace nothing declares or creates WHEN planned THEN it is created bare, naming the file that needs it", () => {
    const argocd = plan.phases[0]!.objects.find((planned) => planned.object.metadata.name === "argocd");
    expect([argocd?.source, argocd?.object.metadata.labels]).toEqual(["namespace of apps/metrics-server.yaml (no file declares it)", undefined]);
  });

  it("GIVEN an Application with CreateNamespace=true and managedNamespaceMetadata WHEN planned THEN its namespace carries the Pod Security labels Argo CD sets", () => {
    const monitoring = plan.phases[0]!.objects.find((planned) => planned.object.metadata.name === "monitoring");
    expect(monitoring?.source).toBe("Argo CD CreateNamespace=true of Application loki");
    expect(monitoring?.object.metadata.labels).toEqual({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted" });
  });

  it("GIVEN rendered add-on objects without a namespace WHEN planned THEN namespaced ones go to the release namespace, cluster-scoped ones stay cluster-scoped", () => {
    const all = withAddons.phases.flatMap((phase) => phase.objects.map((planned) => planned.object));
    expect(all.find((object) => object.metadata.name === "loki-read")?.metadata.namespace).toBe("monitoring");
    expect(all.find((object) => object.kind === "ClusterRole")?.metadata.namespace).toBeUndefined();
  });

  it("GIVEN one chart Application rendered and one whose chart is unavailable WHEN planned THEN only the unavailable one is listed, with its reason", () => {
    expect(withAddons.notRendered).toEqual([{ key: "Application argocd/metrics-server", source: "apps/metrics-server.yaml", reason: "the chart metrics-server@3.13.0 is not available" }]);
  });

  it("GIVEN a kind without its CRD and a chart Application WHEN planned THEN both are reported with the reason, and kustomize files and values are not objects", () => {
    expect(plan.skipped).toEqual([
      { key: "NodePool spot", source: "platform/karpenter.yaml", reason: "the API server does not serve karpenter.sh/v1 NodePool: install its CRD (pass the folder holding it with --crds)" },
    ]);
    expect(plan.notRendered).toEqual([
      { key: "Application argocd/loki", source: "apps/loki.yaml", reason: "installs the Helm chart loki@6.0.0, which was not rendered" },
      { key: "Application argocd/metrics-server", source: "apps/metrics-server.yaml", reason: "installs the Helm chart metrics-server@3.13.0, which was not rendered" },
    ]);
  });
});
