import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { writeTree } from "../../../src/synth/write-tree.js";
import { CHARTS_AVAILABLE } from "../../support/charts.js";
import { SHARED_CHARTS_DIR } from "../../support/paths.js";

describe.skipIf(!CHARTS_AVAILABLE)("slipway check renders the charts Applications install", () => {
  let gitops: string;
  beforeAll(() => {
    gitops = join(mkdtempSync(join(tmpdir(), "slipway-rendered-charts-")), "gitops");
    writeTree(gitops, synthesizeGitOps(parseSpec({}, "reference")));
  });

  it("GIVEN the reference platform and ../shared/charts WHEN checking THEN the add-ons' objects are checked, in the namespaces Argo CD creates with their Pod Security labels, with 0 errors", async () => {
    const result = await checkManifests([gitops], { charts: SHARED_CHARTS_DIR, cwd: gitops });
    const errors = result.findings.filter((finding) => finding.severity === "error");
    expect(errors).toEqual([]);
    // Helm-rendered add-ons are in: many more objects than the repository's own files hold.
    expect(result.stats.objects).toBeGreaterThan(300);
    expect(result.findings.some((finding) => finding.object === "Deployment kube-system/aws-load-balancer-controller")).toBe(true);
    // prometheus-adapter sees the cluster's apiregistration.k8s.io/v1 (not the removed v1beta1).
    expect(result.findings.filter((finding) => finding.ruleId === "removed-api")).toEqual([]);
    // The Alertmanager config Secret the chart renders at sync time is not a secret committed to Git.
    expect(result.findings.filter((finding) => finding.ruleId === "best-practice/secret-in-manifest")).toEqual([]);
  });

  it("GIVEN a pod that breaks restricted Pod Security in a namespace Argo CD creates as restricted WHEN checking THEN the violation is an error judged against the real labels", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-created-namespace-"));
    writeFileSync(
      join(folder, "app.yaml"),
      [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Application",
        "metadata: {name: tools, namespace: argocd}",
        "spec:",
        "  project: default",
        "  source: {repoURL: 'https://example.com/repo.git', path: tools, targetRevision: main}",
        "  destination: {server: 'https://kubernetes.default.svc', namespace: tools}",
        "  syncPolicy:",
        "    syncOptions: [CreateNamespace=true]",
        "    managedNamespaceMetadata:",
        "      labels: {pod-security.kubernetes.io/enforce: restricted}",
        "---",
        "apiVersion: v1",
        "kind: Pod",
        "metadata: {name: root, namespace: tools}",
        "spec:",
        "  containers: [{name: c, image: 'registry.example.com/c:1.0', securityContext: {privileged: true}}]",
        "",
      ].join("\n"),
    );
    mkdirSync(join(folder, "tools"));
    const result = await checkManifests([folder], { charts: SHARED_CHARTS_DIR, cwd: folder, enable: ["pod-security"] });
    const podSecurity = result.findings.filter((finding) => finding.ruleId.startsWith("pod-security/") && finding.object === "Pod tools/root");
    expect(podSecurity.map((finding) => finding.severity)).toContain("error");
  });

  it("GIVEN a chart the repository does not hold WHEN checking THEN one info finding names the chart and how to supply it, and the check goes on", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-missing-chart-"));
    writeFileSync(
      join(folder, "app.yaml"),
      [
        "apiVersion: argoproj.io/v1alpha1",
        "kind: Application",
        "metadata: {name: absent, namespace: argocd}",
        "spec:",
        "  project: default",
        "  source: {repoURL: 'https://charts.example.com', chart: not-there, targetRevision: 1.0.0}",
        "  destination: {server: 'https://kubernetes.default.svc', namespace: absent}",
        "",
      ].join("\n"),
    );
    const result = await checkManifests([folder], { charts: SHARED_CHARTS_DIR, cwd: folder, enable: ["input"] });
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: "input",
        severity: "info",
        object: "Application argocd/absent",
        message: "the chart not-there 1.0.0 is not available, so what it installs was not checked",
      }),
    ]);
  });
});
