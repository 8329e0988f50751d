import { describe, expect, it } from "vitest";
import type { UpResult } from "../../src/local/local-cluster.js";
import { renderUpSummary, upSucceeded } from "../../src/local/up-summary.js";

const result: UpResult = {
  state: { clusterName: "demo", kubernetesVersion: "1.35.4", stateDirectory: "/s", kubeconfig: "/s/kubeconfig", server: "https://127.0.0.1:6443", ports: {} as UpResult["state"]["ports"], processes: [] },
  crds: [],
  nodes: [],
  applied: [
    { key: "Deployment kube-system/karpenter", source: "addon karpenter (karpenter@1.8.0)", outcome: "created" },
    { key: "Certificate monitoring/x", source: "addon loki (loki@6.0.0)", outcome: "rejected", reason: 'Certificate.cert-manager.io "x" is invalid: spec.secretName: Required value' },
  ],
  skipped: [],
  notRendered: [{ key: "Application argocd/tempo", source: "apps/monitoring/tempo.yaml", reason: "the chart tempo@1.0.0 is not available" }],
  held: [{ key: "APIService v1beta1.custom.metrics.k8s.io", source: "addon prometheus-adapter (prometheus-adapter@5.3.0)", reason: "served by a fake pod" }],
  addons: [
    { addon: "karpenter", running: 2, total: 2, runningByNodeGroup: { system: 2 }, notRunning: [] },
    { addon: "loki", running: 1, total: 2, runningByNodeGroup: { application: 1 }, notRunning: ["monitoring/loki-write-1 (Pending)"] },
  ],
  workloads: { nodesByNodePool: { "on-demand on-demand": 1, "spot spot": 4 }, runningByNodeGroup: { "karpenter/spot": 3, system: 2, application: 1 }, runningPods: 6, notRunningPods: [], unreadyWorkloads: [], problems: [], settled: true },
  seconds: 12.5,
};

describe("renderUpSummary", () => {
  const text = renderUpSummary(result);

  it("GIVEN add-ons up WHEN summarized THEN pods per add-on are listed Running/total with their node groups and the pods not Running", () => {
    expect(text).toContain(["add-on pods Running/total (node groups):", `  ${"karpenter".padEnd(36)} 2/2 (system 2)`, `  ${"loki".padEnd(36)} 1/2 (application 1)`, "    not Running: monitoring/loki-write-1 (Pending)"].join("\n"));
  });

  it("GIVEN nodes Karpenter launched WHEN summarized THEN they are counted per NodePool and capacity type, and pods per node group include the NodePools", () => {
    expect(text).toContain(["nodes Karpenter launched per NodePool and capacity type:", `  ${"on-demand on-demand".padEnd(24)} 1`, `  ${"spot spot".padEnd(24)} 4`, "pods Running per node group:", `  ${"karpenter/spot".padEnd(24)} 3`].join("\n"));
  });

  it("GIVEN a rejected add-on object, a held one and an unrendered chart WHEN summarized THEN each is listed with its source and the API server's or the reason's words", () => {
    expect(text).toContain('rejected by the API server (1):\n  Certificate monitoring/x (addon loki (loki@6.0.0)): Certificate.cert-manager.io "x" is invalid: spec.secretName: Required value');
    expect(text).toContain("add-on objects not applied: they cannot work on kwok fake nodes (1):\n  APIService v1beta1.custom.metrics.k8s.io (addon prometheus-adapter (prometheus-adapter@5.3.0)): served by a fake pod");
    expect(text).toContain("add-ons not rendered: applied, but what they install does not run locally (1):\n  Application argocd/tempo: the chart tempo@1.0.0 is not available");
  });

  it("GIVEN something rejected WHEN judged THEN up did not succeed; held objects alone do not fail it", () => {
    expect(upSucceeded(result)).toBe(false);
    expect(upSucceeded({ ...result, applied: result.applied.slice(0, 1) })).toBe(true);
  });
});

describe("renderUpSummary with Argo CD", () => {
  const applications = [
    { name: "root", project: "platform", wave: -30, sync: "Synced", health: "Healthy", createdAt: "2026-11-30T03:59:58Z", syncedAt: "2026-11-30T04:00:00Z" },
    { name: "cert-manager", project: "platform", wave: -25, sync: "Synced", health: "Healthy", syncedAt: "2026-11-30T04:00:05Z" },
    { name: "api-server", project: "team-a", wave: 10, sync: "OutOfSync", health: "Missing", message: "InvalidSpecError: application destination is not permitted in project team-a" },
  ];
  const withArgoCd: UpResult = { ...result, applied: [], argoCd: { version: "v3.6.1", commit: "0123456789abcdef0123", applications, rootCreatedNow: true, notServed: ["https://github.com/other/repo.git"], unservedApplications: [], notInTree: [] } };

  it("GIVEN Argo CD synced the tree WHEN summarized THEN each Application is listed in wave order with its sync, health and time, the reason of one that is not Synced, and repositories not served", () => {
    const text = renderUpSummary(withArgoCd);
    expect(text).toContain("  Argo CD v3.6.1 synced commit 0123456789ab: 2/3 Applications Synced and Healthy\n");
    expect(text).toContain(`   -30  ${"root".padEnd(36)} ${"Synced".padEnd(10)} ${"Healthy".padEnd(12)} 2026-11-30T03:59:58Z  2026-11-30T04:00:00Z`);
    expect(text).toContain(`    10  ${"api-server".padEnd(36)} ${"OutOfSync".padEnd(10)} ${"Missing".padEnd(12)} -  -\n        InvalidSpecError: application destination is not permitted in project team-a`);
    expect(text).toContain("not served locally (its Applications cannot sync): https://github.com/other/repo.git");
    expect(text).not.toContain("platform objects:");
  });

  it("GIVEN Applications with Argo CD's timestamps WHEN summarized THEN the sync waves are timed from the root's creation, an unfinished wave with dashes", () => {
    const text = renderUpSummary(withArgoCd);
    expect(text).toContain(
      [
        "sync waves, in seconds after the root Application was created (wave, Applications, created, sync started, first Synced and Healthy, last sync finished, the last Application Synced and Healthy):",
        "   -25   1  created      -  sync started      -  Synced+Healthy      -  synced    +7s",
        "    10   1  created      -  sync started      -  Synced+Healthy      -  synced      -",
      ].join("\n"),
    );
  });

  it("GIVEN a running cluster whose root Application this run did not create WHEN summarized THEN no sync-wave timeline (its timestamps are older than the run)", () => {
    const text = renderUpSummary({ ...withArgoCd, argoCd: { ...withArgoCd.argoCd!, rootCreatedNow: false } });
    expect(text).not.toContain("sync waves");
    expect(text).toContain("Applications in wave order");
  });

  it("GIVEN an Application that is not Synced and Healthy WHEN judged THEN up did not succeed; all settled, it did", () => {
    expect(upSucceeded(withArgoCd)).toBe(false);
    const settled = applications.slice(0, 2);
    expect(upSucceeded({ ...withArgoCd, argoCd: { ...withArgoCd.argoCd!, applications: settled, settledSeconds: 42 } })).toBe(true);
    expect(renderUpSummary({ ...withArgoCd, argoCd: { ...withArgoCd.argoCd!, applications: settled, settledSeconds: 42 } })).toContain("2/2 Applications Synced and Healthy 42s after the root Application");
  });

  it("GIVEN an Application whose repository is not served locally WHEN judged THEN it is not waited for, and the summary names it and why", () => {
    const unserved = { ...withArgoCd.argoCd!, unservedApplications: [{ name: "api-server", repoURL: "https://github.com/other/repo.git", why: "only the GitOps repository is served locally" }] };
    expect(upSucceeded({ ...withArgoCd, argoCd: unserved })).toBe(true);
    const text = renderUpSummary({ ...withArgoCd, argoCd: unserved });
    expect(text).toContain("2/3 Applications Synced and Healthy (1 not served locally, not waited for)");
    expect(text).toContain("  not waited for: Application api-server (https://github.com/other/repo.git): only the GitOps repository is served locally");
  });

  it("GIVEN an Application in the cluster that the tree does not have WHEN judged THEN it is not waited for, and the summary names it", () => {
    const outside = { ...withArgoCd.argoCd!, notInTree: ["api-server"] };
    expect(upSucceeded({ ...withArgoCd, argoCd: outside })).toBe(true);
    const text = renderUpSummary({ ...withArgoCd, argoCd: outside });
    expect(text).toContain("2/3 Applications Synced and Healthy (1 not in the tree, not waited for)");
    expect(text).toContain("  not waited for, not in the synthesized tree (made by hand or left by an earlier spec): api-server");
  });
});
