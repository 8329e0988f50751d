/**
 * `slipway up --local` with the real Argo CD (application-controller and repo-server built
 * from github.com/argoproj/argo-cd/v3) syncing the synthesized repository from the root
 * Application down, over the repository proxy (the tree as Git, the pinned charts as Helm
 * and OCI repositories from ../shared/charts). Nothing is mocked: the assertions read
 * what Argo CD wrote into the Applications' status.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../../src/local/api-client.js";
import { applicationStatuses } from "../../src/local/argocd-sync.js";
import { LOCAL_REPOSITORY_LABELS } from "../../src/local/argocd-objects.js";
import { readClusterState } from "../../src/local/cluster-state.js";
import { ARGOCD_COMPONENTS } from "../../src/local/components.js";
import { isRunning } from "../../src/local/process-supervisor.js";
import { ensureBinaries } from "../../src/local/binaries.js";
import { down, up, type UpResult } from "../../src/local/local-cluster.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { needsShared } from "../support/shared.js";
import { adminClient, until } from "../support/local-cluster.js";
import { SHARED_CHARTS_DIR, SHARED_CRDS_DIR } from "../support/paths.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";

// Two teams, so one team's Application can aim at the other's namespace.
const spec = parseSpec(
  {
    cluster: { name: `slipway-argocd-${process.pid}` },
    teams: { "team-a": {}, "team-b": {} },
    namespaces: { production: { team: "team-a" }, payments: { team: "team-b" } },
  },
  "argocd.test.ts",
);
const log = (line: string) => process.stderr.write(`[argocd] ${line}\n`);
const MINUTE = 60_000;

let result: UpResult;
let client: ApiClient;


describe.skipIf(needsShared("slipway up --local with Argo CD syncing the pinned charts") || !CHARTS_AVAILABLE)("slipway up --local with the real Argo CD", () => {
  beforeAll(async () => {
    await ensureBinaries({ onProgress: log });
    await down(spec.cluster.name);
    // A loaded 2-core CI machine needs more than the default 5 minutes for Argo CD to settle every wave.
    result = await up({ spec, crdFolders: [SHARED_CRDS_DIR], charts: SHARED_CHARTS_DIR, waitTimeoutMs: 12 * MINUTE, onProgress: log });
    log(`up with Argo CD took ${result.seconds}s; Applications settled ${result.argoCd?.settledSeconds ?? "never"}s after the root`);
    client = adminClient(result.state);
  }, 30 * MINUTE);

  afterAll(async () => {
    client?.close();
    await down(spec.cluster.name);
  }, MINUTE);

  it("GIVEN the root Application WHEN Argo CD syncs the repository THEN every child Application is Synced and Healthy", () => {
    const applications = result.argoCd!.applications;
    const names = applications.map((application) => application.name);
    // Every Application of the tree, add-ons and the team's included, was created by Argo CD from the root down.
    expect(names).toEqual(expect.arrayContaining(["root", "cert-manager", "karpenter", "kube-prometheus-stack", "karpenter-nodepools", "api-server", "tenancy-production"]));
    expect(applications.filter((application) => application.sync !== "Synced" || application.health !== "Healthy")).toEqual([]);
    expect(result.argoCd!.notServed).toEqual([]);
  });

  it("GIVEN the sync waves WHEN the root synced its children THEN it created no Application before every lower wave's", () => {
    // The root applies wave by wave and waits for each wave's Applications to be Healthy (argocd-cm's Application health check).
    const children = result.argoCd!.applications.filter((application) => application.name !== "root");
    const violations: string[] = [];
    for (const early of children) {
      for (const late of children) {
        if (early.wave < late.wave && early.createdAt! > late.createdAt!) violations.push(`${late.name} (wave ${late.wave}, ${late.createdAt}) before ${early.name} (wave ${early.wave}, ${early.createdAt})`);
      }
    }
    expect(violations).toEqual([]);
    expect(new Set(children.map((application) => application.wave)).size).toBeGreaterThan(3);
  });

  it("GIVEN the add-ons WHEN Argo CD installed them from the served charts THEN their workloads are Running", () => {
    expect(result.workloads.problems).toEqual([]);
    const karpenter = result.addons.find((addon) => addon.addon === "karpenter");
    expect(karpenter?.running).toBeGreaterThan(0);
  });

  it("GIVEN an Application whose AppProject does not exist WHEN Argo CD reads it THEN it refuses to sync it (why bootstrap applies the platform project before the root)", async () => {
    const orphan = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "orphan", namespace: "argocd" },
      spec: {
        project: "not-yet-there",
        source: { repoURL: "https://github.com/example-org/platform-gitops.git", targetRevision: "main", path: "apps" },
        destination: { server: "https://kubernetes.default.svc", namespace: "argocd" },
      },
    };
    expect((await client.apply("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/orphan", orphan, "slipway-test")).status).toBe(201);
    const refused = await until("Argo CD to judge the orphan", 2 * MINUTE, async () => (await applicationStatuses(client)).find((application) => application.name === "orphan" && application.message !== undefined));
    expect(refused.message).toBe("InvalidSpecError: Application referencing project not-yet-there which does not exist");
    await client.delete("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/orphan");
  }, 3 * MINUTE);

  it("GIVEN team-a's AppProject WHEN an Application of team-a targets team-b's namespace THEN Argo CD refuses it and says the destination is not permitted", async () => {
    const intruder = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "intruder", namespace: "argocd" },
      spec: {
        project: "team-a",
        source: { repoURL: "https://github.com/example-org/platform-gitops.git", targetRevision: "main", path: "applications/api-server" },
        destination: { server: "https://kubernetes.default.svc", namespace: "payments" },
        syncPolicy: { automated: {} },
      },
    };
    const created = await client.apply("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/intruder", intruder, "slipway-test");
    expect(created.status).toBe(201);
    const denied = await until("Argo CD to judge the intruder", 2 * MINUTE, async () => (await applicationStatuses(client)).find((application) => application.name === "intruder" && application.message !== undefined));
    expect(denied.message).toMatch(/InvalidSpecError: .*payments.*(do not match any of the allowed destinations|not permitted).*team-a/);
    expect(denied.sync).not.toBe("Synced");
    const pods = await client.getJson<{ items: unknown[] }>("/api/v1/namespaces/payments/pods");
    expect(pods.items).toEqual([]);
  }, 3 * MINUTE);

  it("GIVEN a running cluster and a spec that adds a team Application from another repository WHEN up runs again THEN that Application is named as not served and not waited for, the intruder (not in the tree) is not waited for, and a repository Secret of an earlier run is deleted", async () => {
    const stale = { apiVersion: "v1", kind: "Secret", metadata: { name: "local-git-0000000000", namespace: "argocd", labels: { ...LOCAL_REPOSITORY_LABELS } }, stringData: { type: "git", url: "https://github.com/gone/repo.git" } };
    expect((await client.apply("/api/v1/namespaces/argocd/secrets/local-git-0000000000", stale, "slipway-test")).status).toBe(201);
    const other = "https://github.com/team-a/deploy.git";
    const extended = parseSpec(
      {
        cluster: { name: spec.cluster.name },
        teams: { "team-a": { sourceRepos: ["https://github.com/example-org/platform-gitops.git", other], applications: { "team-a-extra": { repoURL: other, path: "deploy", namespace: "production" } } }, "team-b": {} },
        namespaces: { production: { team: "team-a" }, payments: { team: "team-b" } },
      },
      "argocd.test.ts",
    );
    const again = await up({ spec: extended, crdFolders: [SHARED_CRDS_DIR], charts: SHARED_CHARTS_DIR, waitTimeoutMs: 5 * MINUTE, onProgress: log });
    expect(again.argoCd!.unservedApplications.map((application) => [application.name, application.repoURL])).toEqual([["team-a-extra", other]]);
    expect(again.argoCd!.applications.map((application) => application.name)).toContain("team-a-extra");
    // The intruder of the test before is still in the cluster, refused by its project: it is not the tree's, so it does not hold up.
    expect(again.argoCd!.notInTree).toEqual(["intruder"]);
    expect(again.argoCd!.settledSeconds).toBeDefined();
    const secrets = await client.getJson<{ items: { metadata: { name: string } }[] }>("/api/v1/namespaces/argocd/secrets?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dslipway-up");
    const names = secrets.items.map((secret) => secret.metadata.name);
    expect(names).not.toContain("local-git-0000000000");
    expect(names.length).toBeGreaterThan(1);
  }, 8 * MINUTE);

  it("GIVEN Argo CD running WHEN up runs again with --apply server-side-apply THEN Argo CD's processes are stopped and left out of the cluster's state", async () => {
    const argoCd = readClusterState(result.state.stateDirectory)!.processes.filter((process) => (ARGOCD_COMPONENTS as readonly string[]).includes(process.name));
    expect(argoCd.map((process) => process.name).sort()).toEqual([...ARGOCD_COMPONENTS].sort());
    expect(argoCd.every(isRunning)).toBe(true);
    const switched = await up({ spec, apply: "server-side-apply", crdFolders: [SHARED_CRDS_DIR], charts: SHARED_CHARTS_DIR, onProgress: log });
    expect(switched.state.processes.map((process) => process.name)).not.toEqual(expect.arrayContaining(["argocd-application-controller"]));
    expect(switched.state.processes.filter((process) => (ARGOCD_COMPONENTS as readonly string[]).includes(process.name))).toEqual([]);
    expect(argoCd.filter(isRunning).map((process) => process.name)).toEqual([]);
  }, 8 * MINUTE);
});
