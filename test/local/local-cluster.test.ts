/**
 * The platform on a real local control plane: upstream kube-apiserver, etcd,
 * controller-manager and scheduler, kwok fake nodes, the Argo Rollouts controller and
 * metrics-server, all built from their Go modules. Nothing here is mocked.
 *
 * The binaries are built by the set-up when they are missing (a cold build takes many
 * minutes; CI runs scripts/build-local-control-plane.ts first), so no test is skipped.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ApiClient } from "../../src/local/api-client.js";
import { ensureBinaries } from "../../src/local/binaries.js";
import { readClusterState } from "../../src/local/cluster-state.js";
import { nodeGroupOf } from "../../src/local/workload-status.js";
import { clusterStateDirectory } from "../../src/local/local-paths.js";
import { down, status, up, type UpResult } from "../../src/local/local-cluster.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { systemPlacement, SYSTEM_NODE_GROUP } from "../../src/gitops/addons/system-placement.js";
import { platformNames } from "../../src/platform-spec/names.js";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { REPO_ROOT, SHARED_CHARTS_DIR, SHARED_CRDS_DIR } from "../support/paths.js";
import { needsShared } from "../support/shared.js";
import { adminClient, until } from "../support/local-cluster.js";

// Named per test process: several engineers (and CI) may run the suite on one machine at once.
const spec = parseSpec({ cluster: { name: `slipway-it-${process.pid}` } }, "local-cluster.test.ts");
const log = (line: string) => process.stderr.write(`[local] ${line}\n`);
const MINUTE = 60_000;

let first: UpResult;
let client: ApiClient;

interface Pod {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { nodeName?: string; nodeSelector?: Record<string, string>; tolerations?: { key?: string; operator?: string; effect?: string }[] };
  status: { phase?: string };
}

async function list<T>(path: string): Promise<T[]> {
  return (await client.getJson<{ items: T[] }>(path)).items;
}

async function nodeGroups(): Promise<Map<string, string>> {
  const nodes = await list<{ metadata: { name: string; labels: Record<string, string> } }>("/api/v1/nodes");
  return new Map(nodes.map((node) => [node.metadata.name, nodeGroupOf(node)]));
}


/** A pod that passes Pod Security `restricted`, tweaked per test. */
function restrictedPod(name: string, namespace: string, overrides: { cpu?: string; container?: Record<string, unknown> } = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: "probe",
          image: "registry.k8s.io/pause:3.10",
          resources: { requests: { cpu: overrides.cpu ?? "10m", memory: "16Mi" }, limits: { cpu: overrides.cpu ?? "10m", memory: "16Mi" } },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, ...overrides.container },
        },
      ],
    },
  };
}

// `up` applying the platform itself (--apply server-side-apply); test/local/argocd.test.ts runs the default, Argo CD.
describe.skipIf(needsShared("slipway up --local with the add-ons' upstream CRDs"))("slipway up --local on the reference platform", () => {
  beforeAll(async () => {
    await ensureBinaries({ onProgress: log });
    await down(spec.cluster.name);
    // The add-ons' charts come from the test Helm repository; without it they are listed as not rendered.
    first = await up({ spec, apply: "server-side-apply", crdFolders: [SHARED_CRDS_DIR], ...(CHARTS_AVAILABLE ? { charts: SHARED_CHARTS_DIR } : {}), onProgress: log });
    log(`up on a new cluster took ${first.seconds}s`);
    const state = first.state;
    client = adminClient(state);
  }, 60 * MINUTE);

  afterAll(async () => {
    client?.close();
    await down(spec.cluster.name);
  }, MINUTE);

  it("GIVEN the reference platform WHEN it is brought up THEN everything is applied, nothing is rejected and every workload is Running", () => {
    const rejected = [...first.crds, ...first.nodes, ...first.applied].filter((result) => result.outcome === "rejected");
    expect(rejected).toEqual([]);
    // Fake nodes for the managed node groups only: Karpenter launches the rest (test/local/karpenter.test.ts).
    expect(first.nodes.map((result) => result.key)).toEqual(["Node system-0", "Node system-1", "Node application-0", "Node application-1"]);
    expect(first.applied.map((result) => result.key)).toContain("Rollout production/api-server");
    // Karpenter's CRDs come from its Go module (../shared/crds/karpenter holds only symlink stubs).
    expect(first.applied.map((result) => result.key)).toEqual(expect.arrayContaining(["EC2NodeClass default", "KWOKNodeClass default", "NodePool on-demand", "NodePool spot"]));
    expect(first.skipped).toEqual([]);
    expect(first.workloads.settled).toBe(true);
    expect(first.workloads.problems).toEqual([]);
  });

  it("GIVEN the production namespace WHEN a pod breaks Pod Security restricted THEN the API server refuses it and says why", async () => {
    const privileged = restrictedPod("privileged-probe", "production", { container: { privileged: true, allowPrivilegeEscalation: true, capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } } });
    const response = await client.apply("/api/v1/namespaces/production/pods/privileged-probe", privileged, "slipway-test");
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).message).toBe(
      'pods "privileged-probe" is forbidden: violates PodSecurity "restricted:v1.35": privileged (container "probe" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container "probe" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "probe" must not include "NET_ADMIN" in securityContext.capabilities.add)',
    );
    const compliant = await client.apply("/api/v1/namespaces/production/pods/compliant-probe", restrictedPod("compliant-probe", "production"), "slipway-test");
    expect(compliant.status).toBe(201);
    await client.delete("/api/v1/namespaces/production/pods/compliant-probe?gracePeriodSeconds=0");
  });

  it("GIVEN the team quota of production WHEN a pod asks for more CPU than the quota has left THEN the API server refuses it naming the quota", async () => {
    const response = await client.apply("/api/v1/namespaces/production/pods/greedy-probe", restrictedPod("greedy-probe", "production", { cpu: "64" }), "slipway-test");
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).message).toMatch(
      /^pods "greedy-probe" is forbidden: exceeded quota: team-a-quota, requested: limits\.cpu=64,requests\.cpu=64, used: limits\.cpu=\d+m?,requests\.cpu=\d+m?, limited: limits\.cpu=40,requests\.cpu=20$/,
    );
  });

  it.skipIf(!CHARTS_AVAILABLE)("GIVEN the rendered add-ons WHEN the platform is up THEN every add-on has pods and all of them are Running, and what cannot run on kwok is listed with its reason", () => {
    const chartApplications = first.applied.filter((result) => result.key.startsWith("Application ") && result.source.startsWith("apps/")).length;
    expect(first.notRendered).toEqual([]);
    expect(first.addons.length).toBeGreaterThanOrEqual(13);
    expect(first.addons.length).toBeLessThanOrEqual(chartApplications);
    for (const addon of first.addons) {
      expect(addon.total, `${addon.addon} has no pods`).toBeGreaterThan(0);
      expect(addon, `${addon.addon}: ${addon.notRunning.join(", ")}`).toMatchObject({ running: addon.total, notRunning: [] });
    }
    expect(first.applied.filter((result) => result.source.startsWith("addon ")).length).toBeGreaterThan(200);
    expect(first.held.map((entry) => entry.key)).toEqual(expect.arrayContaining(["APIService v1beta1.custom.metrics.k8s.io", "ValidatingWebhookConfiguration cert-manager-webhook"]));
    for (const entry of first.held) expect(entry.reason).not.toBe("");
  });

  it("GIVEN the tainted system nodes WHEN add-ons and applications are scheduled THEN the system controllers land on system nodes, nothing else does, and node agents run on every node they tolerate", async () => {
    const groups = await nodeGroups();
    const groupOf = (pod: Pod) => groups.get(pod.spec.nodeName!)?.replace(/-\d+$/, "");
    const pods = (await list<Pod>("/api/v1/pods")).filter((pod) => pod.status.phase === "Running");
    const applicationPods = pods.filter((pod) => pod.metadata.namespace === "production" && pod.metadata.labels?.["app.kubernetes.io/name"] === "api-server");
    expect(applicationPods.length).toBe(10);
    expect(new Set(applicationPods.map(groupOf))).toEqual(new Set(["karpenter/spot", "karpenter/on-demand"]));

    const placement = systemPlacement(spec);
    const tolerates = (pod: Pod) => placement.tolerations.every((taint) => (pod.spec.tolerations ?? []).some((toleration) => toleration.operator === "Exists" && (toleration.key === undefined || toleration.key === taint.key) && (toleration.effect === undefined || toleration.effect === taint.effect)));
    const onSystem = pods.filter((pod) => groupOf(pod) === SYSTEM_NODE_GROUP);
    // Only pods that tolerate the system taint run there: the system controllers and node agents.
    for (const pod of onSystem) expect(tolerates(pod), `${pod.metadata.namespace}/${pod.metadata.name} runs on a system node without tolerating its taint`).toBe(true);
    if (CHARTS_AVAILABLE) {
      const systemControllers = pods.filter((pod) => Object.entries(placement.nodeSelector).every(([key, value]) => pod.spec.nodeSelector?.[key] === value));
      // The AWS Load Balancer Controller, Karpenter and metrics-server: the add-ons the platform places on the system node group.
      expect(new Set(systemControllers.map((pod) => pod.metadata.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, "")))).toEqual(new Set(["aws-load-balancer-controller", "karpenter", "metrics-server"]));
      for (const pod of systemControllers) expect(groupOf(pod), `${pod.metadata.namespace}/${pod.metadata.name}`).toBe(SYSTEM_NODE_GROUP);

      type DaemonSet = { metadata: { namespace: string; name: string }; spec: { template: { spec: { tolerations?: { key?: string; operator?: string }[] } } }; status: { desiredNumberScheduled: number; numberReady: number } };
      // Karpenter may be launching or consolidating a node right now: a daemon pod on a node
      // seconds old is Pending for a moment. Read the DaemonSets once every one has caught up.
      const tolerateEverything = (daemonSet: DaemonSet) => (daemonSet.spec.template.spec.tolerations ?? []).some((toleration) => toleration.operator === "Exists" && toleration.key === undefined);
      // Ready everywhere, and a DaemonSet that tolerates every taint on every node: what the test asserts, once the nodes are still.
      const caughtUp = (items: readonly DaemonSet[], nodeCount: number) =>
        items.every((daemonSet) => daemonSet.status.numberReady === daemonSet.status.desiredNumberScheduled && (!tolerateEverything(daemonSet) || daemonSet.status.desiredNumberScheduled === nodeCount));
      let last: { daemonSets: DaemonSet[]; nodeCount: number } | undefined;
      await until("every DaemonSet to be ready on every node it targets", MINUTE, async () => {
        const [items, nodes] = await Promise.all([list<DaemonSet>("/apis/apps/v1/daemonsets"), nodeGroups()]);
        last = { daemonSets: items, nodeCount: nodes.size };
        return caughtUp(items, nodes.size) ? true : undefined;
      }).catch(() => undefined);
      // On a timeout, the assertions below name the DaemonSet that did not catch up.
      const { daemonSets, nodeCount } = last!;
      expect(daemonSets.length).toBeGreaterThanOrEqual(4);
      for (const daemonSet of daemonSets) {
        const where = `DaemonSet ${daemonSet.metadata.namespace}/${daemonSet.metadata.name}`;
        expect(daemonSet.status.desiredNumberScheduled, where).toBeGreaterThan(0);
        expect(daemonSet.status.numberReady, where).toBe(daemonSet.status.desiredNumberScheduled);
        if (tolerateEverything(daemonSet)) expect(daemonSet.status.desiredNumberScheduled, where).toBe(nodeCount);
      }
    }
  });

  it.skipIf(!CHARTS_AVAILABLE)("GIVEN the platform up WHEN its namespaces are listed THEN every namespace it creates has Pod Security enforce, audit and warn labels", async () => {
    const names = platformNames(spec);
    // Namespaces the platform does not create: the API server's own and EKS's kube-system (left as EKS
    // ships it, src/gitops/addons/addon-namespaces.ts). Argo CD's comes from bootstrap/argocd-namespace.yaml.
    const notCreatedByThePlatform = new Set(["default", "kube-public", "kube-node-lease", names.namespaces.system]);
    const namespaces = await list<{ metadata: { name: string; labels?: Record<string, string> } }>("/api/v1/namespaces");
    const created = namespaces.filter((namespace) => !notCreatedByThePlatform.has(namespace.metadata.name));
    expect(created.map((namespace) => namespace.metadata.name)).toEqual(expect.arrayContaining(["argocd", "monitoring", "cert-manager", "external-secrets", "argo-rollouts", "production"]));
    for (const namespace of created) {
      const labels = namespace.metadata.labels ?? {};
      for (const mode of ["enforce", "audit", "warn"]) {
        expect(labels[`pod-security.kubernetes.io/${mode}`], `namespace ${namespace.metadata.name} has no ${mode} label`).toMatch(/^(privileged|baseline|restricted)$/);
        expect(labels[`pod-security.kubernetes.io/${mode}-version`], `namespace ${namespace.metadata.name} has no ${mode}-version label`).toBeDefined();
      }
    }
  });

  it("GIVEN a running platform WHEN up runs again THEN nothing changes", async () => {
    const again = await up({ spec, apply: "server-side-apply", crdFolders: [SHARED_CRDS_DIR], ...(CHARTS_AVAILABLE ? { charts: SHARED_CHARTS_DIR } : {}), onProgress: log });
    log(`up on the running cluster took ${again.seconds}s`);
    const changed = [...again.crds, ...again.nodes, ...again.applied].filter((result) => result.outcome !== "unchanged");
    expect(changed).toEqual([]);
    expect(again.workloads.settled).toBe(true);
    expect(again.seconds).toBeLessThan(30);
  }, 5 * MINUTE);

  it("GIVEN the api-server Rollout and its HPA WHEN the pods' CPU use rises THEN the HPA controller scales the Rollout up", async () => {
    // kwok reports each pod's usage from this annotation (its upstream ClusterResourceUsage).
    const pods = (await list<Pod>("/api/v1/namespaces/production/pods")).filter((pod) => pod.metadata.labels?.["app.kubernetes.io/name"] === "api-server");
    for (const pod of pods) {
      const patch = { apiVersion: "v1", kind: "Pod", metadata: { name: pod.metadata.name, namespace: "production", annotations: { "kwok.x-k8s.io/usage-cpu": "900m", "kwok.x-k8s.io/usage-memory": "300Mi" } } };
      const response = await client.apply(`/api/v1/namespaces/production/pods/${pod.metadata.name}`, patch, "load-test");
      expect(response.status, response.body).toBe(200);
    }
    const replicas = await until("the HPA to scale the Rollout above 10 replicas", 4 * MINUTE, async () => {
      const rollout = await client.getJson<{ spec: { replicas: number } }>("/apis/argoproj.io/v1alpha1/namespaces/production/rollouts/api-server");
      return rollout.spec.replicas > 10 ? rollout.spec.replicas : undefined;
    });
    expect(replicas).toBeGreaterThan(10);
    expect(replicas).toBeLessThanOrEqual(spec.applications["api-server"]!.autoscaling.maxReplicas);
  }, 6 * MINUTE);

  it("GIVEN a running cluster WHEN the CLI asks for its kubeconfig and status THEN it prints the path and reports every component running", () => {
    const cli = join(REPO_ROOT, "dist", "cli", "main.js");
    if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` (npm test does)");
    const config = join(mkdtempSync(join(tmpdir(), "slipway-local-")), "slipway.yaml");
    writeFileSync(config, `cluster:\n  name: ${spec.cluster.name}\n`);
    const kubeconfig = spawnSync(process.execPath, [cli, "kubeconfig", "--config", config], { encoding: "utf8" });
    expect(kubeconfig.stderr).toBe("");
    expect(kubeconfig.stdout.trim()).toBe(first.state.kubeconfig);
    expect(parse(readFileSync(first.state.kubeconfig, "utf8"))["current-context"]).toBe("slipway-local");
    const report = spawnSync(process.execPath, [cli, "status", "--config", config], { encoding: "utf8" });
    expect(report.status, report.stdout + report.stderr).toBe(0);
    expect(report.stdout).toContain("API server: ready");
  });
});

describe.skipIf(needsShared("slipway up --local with the add-ons' upstream CRDs"))("slipway up --local after the API server dies mid-apply", () => {
  const crashSpec = parseSpec({ cluster: { name: `slipway-crash-${process.pid}` } }, "local-cluster.test.ts");

  afterAll(async () => {
    await down(crashSpec.cluster.name);
  }, MINUTE);

  it("GIVEN the API server killed while up applies WHEN up goes on THEN it restarts the API server, resumes and converges with nothing rejected", async () => {
    await ensureBinaries({ onProgress: log });
    await down(crashSpec.cluster.name);
    let killed = false;
    const lines: string[] = [];
    const resumed = await up({
      spec: crashSpec,
      apply: "server-side-apply",
      crdFolders: [SHARED_CRDS_DIR],
      onProgress: (line) => {
        log(line);
        lines.push(line);
        if (!killed && line.startsWith("applying")) {
          killed = true;
          const apiServer = readStateProcesses(crashSpec.cluster.name).find((process) => process.name === "kube-apiserver")!;
          process.kill(apiServer.pid, "SIGKILL");
        }
      },
    });
    expect(killed).toBe(true);
    expect(lines.some((line) => /the API server stopped answering .*; restarting it and resuming \(1\/2\)$/.test(line))).toBe(true);
    expect([...resumed.crds, ...resumed.nodes, ...resumed.applied].filter((result) => result.outcome === "rejected")).toEqual([]);
    expect(resumed.workloads.settled).toBe(true);

    const again = await up({ spec: crashSpec, apply: "server-side-apply", crdFolders: [SHARED_CRDS_DIR], onProgress: log });
    expect([...again.crds, ...again.nodes, ...again.applied].filter((result) => result.outcome === "rejected")).toEqual([]);
    const report = await status(crashSpec.cluster.name);
    expect(report?.components.every((component) => component.running)).toBe(true);
  }, 10 * MINUTE);
});

function readStateProcesses(clusterName: string): readonly { name: string; pid: number }[] {
  return readClusterState(clusterStateDirectory(clusterName))?.processes ?? [];
}
