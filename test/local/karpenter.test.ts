/**
 * Karpenter on the local control plane: the upstream controller (sigs.k8s.io/karpenter,
 * its kwok cloud provider, at the pinned Karpenter's version) provisions the application
 * capacity of `slipway up --local` from the platform's own NodePools. Nothing is mocked:
 * the scheduler leaves the api-server pods Pending, Karpenter turns them into NodeClaims,
 * its kwok provider creates the Nodes, kwok keeps them Ready, and the Argo Rollouts and HPA
 * controllers drive the replicas.
 *
 * The spec shortens `karpenter.consolidateAfter` to 10s (the reference waits 60s) so the
 * consolidation test does not wait minutes, and sets NodePool limits that 50 pods come
 * close to (60 CPUs: 48 for spot, 12 for on-demand) so the limits are tested, not idle.
 * One cluster of its own name: it never meets the cluster of local-cluster.test.ts.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAPACITY_SPREAD_LABEL } from "../../src/gitops/conventions.js";
import type { ApiClient } from "../../src/local/api-client.js";
import { ensureBinaries } from "../../src/local/binaries.js";
import { LOCAL_NODE_GROUP_LABEL } from "../../src/local/fake-nodes.js";
import { down, up, type UpResult } from "../../src/local/local-cluster.js";
import { toMilli } from "../../src/gitops/platform/karpenter/split-quantity.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { SHARED_CRDS_DIR } from "../support/paths.js";
import { needsShared } from "../support/shared.js";
import { adminClient, until } from "../support/local-cluster.js";

const spec = parseSpec(
  { cluster: { name: `slipway-karpenter-${process.pid}` }, karpenter: { consolidateAfter: "10s", limits: { cpu: "60", memory: "240Gi" } } },
  "karpenter.test.ts",
);
const log = (line: string) => process.stderr.write(`[karpenter] ${line}\n`);
const MINUTE = 60_000;
const APP = "api-server";
const ROLLOUT = `/apis/argoproj.io/v1alpha1/namespaces/production/rollouts/${APP}`;
const HPA = `/apis/autoscaling/v2/namespaces/production/horizontalpodautoscalers/${APP}`;

interface Labelled {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}
interface Node extends Labelled {
  spec: { taints?: { key: string }[] };
  status: { capacity: Record<string, string>; conditions?: { type: string; status: string }[] };
}
interface Pod extends Labelled {
  metadata: Labelled["metadata"] & { ownerReferences?: { kind: string }[] };
  spec: { nodeName?: string };
  status: { phase?: string };
}
interface NodePool extends Labelled {
  spec: { limits: { cpu: string; memory: string }; template: { spec: { nodeClassRef: Record<string, string> } } };
  status?: { resources?: Record<string, string> };
}

let first: UpResult;
let client: ApiClient;

async function list<T>(path: string): Promise<T[]> {
  return (await client.getJson<{ items: T[] }>(path)).items;
}


const karpenterNodes = async () => (await list<Node>("/api/v1/nodes")).filter((node) => node.metadata.labels?.["karpenter.sh/nodepool"] !== undefined);
const applicationPods = async () => (await list<Pod>("/api/v1/namespaces/production/pods")).filter((pod) => pod.metadata.labels?.["app.kubernetes.io/name"] === APP);
const runningOn = (pods: readonly Pod[]) => pods.filter((pod) => pod.status.phase === "Running" && pod.spec.nodeName !== undefined);

/**
 * Scales the Rollout directly. Its HPA is deleted first (once): with no CPU use reported it
 * would pull the replicas back to its minimum while the test waits.
 */
async function scaleTo(replicas: number): Promise<void> {
  const hpa = await client.delete(HPA);
  expect([200, 404], hpa.body).toContain(hpa.status);
  const rollout = await client.send("PATCH", ROLLOUT, JSON.stringify({ spec: { replicas } }), "application/merge-patch+json", 30000);
  expect(rollout.status, rollout.body).toBe(200);
}

describe.skipIf(needsShared("the local Karpenter with the add-ons' upstream CRDs"))("Karpenter provisions the application capacity of slipway up --local", () => {
  beforeAll(async () => {
    await ensureBinaries({ onProgress: log });
    await down(spec.cluster.name);
    // No charts: the add-ons' own pods are not what this file tests, and rendering them costs minutes.
    // `up` applies the platform itself: with Argo CD, self-heal would put back the HPA this file
    // deletes to scale the Rollout by hand (test/local/argocd.test.ts covers Argo CD with Karpenter).
    first = await up({ spec, apply: "server-side-apply", crdFolders: [SHARED_CRDS_DIR], onProgress: log });
    log(`up took ${first.seconds}s`);
    client = adminClient(first.state);
  }, 20 * MINUTE);

  afterAll(async () => {
    client?.close();
    await down(spec.cluster.name);
  }, MINUTE);

  it("GIVEN the platform up WHEN its NodePools and node classes are read THEN the NodePools point at a Ready KWOKNodeClass and Karpenter runs", async () => {
    expect(first.state.processes.map((process) => process.name)).toContain("karpenter");
    expect(first.applied.map((result) => result.key)).toEqual(expect.arrayContaining(["KWOKNodeClass default", "NodePool spot", "NodePool on-demand", "EC2NodeClass default"]));
    expect([...first.crds, ...first.nodes, ...first.applied].filter((result) => result.outcome === "rejected")).toEqual([]);
    const pools = await list<NodePool>("/apis/karpenter.sh/v1/nodepools");
    expect(pools.map((pool) => pool.spec.template.spec.nodeClassRef)).toEqual([
      { group: "karpenter.kwok.sh", kind: "KWOKNodeClass", name: "default" },
      { group: "karpenter.kwok.sh", kind: "KWOKNodeClass", name: "default" },
    ]);
    const nodeClass = await client.getJson<{ status?: { conditions?: { type: string; status: string }[] } }>("/apis/karpenter.kwok.sh/v1alpha1/kwoknodeclasses/default");
    expect(nodeClass.status?.conditions).toEqual([expect.objectContaining({ type: "Ready", status: "True" })]);
    // The managed node groups are fake nodes up made; nothing else is.
    expect(first.nodes.map((result) => result.key)).toEqual(["Node system-0", "Node system-1", "Node application-0", "Node application-1"]);
  });

  it("GIVEN the api-server's 10 pods WHEN up has finished THEN they are Running on nodes Karpenter launched for them, shaped as the NodePools allow", async () => {
    expect(first.workloads.settled, first.workloads.problems.join("\n")).toBe(true);
    const pods = runningOn(await applicationPods());
    expect(pods.length).toBe(10);
    // Karpenter writes a NodeClaim's node name once the node registers, and kwok's metrics-path
    // stage annotates a new node a moment after it appears (under load, seconds): wait until
    // claims and nodes agree and every node has its annotation (read together each time).
    const nodes = await until("every NodeClaim to name its registered node, annotated by kwok's metrics-path stage", MINUTE, async () => {
      const current = new Map((await karpenterNodes()).map((node) => [node.metadata.name, node]));
      const claims = await list<{ status?: { nodeName?: string } }>("/apis/karpenter.sh/v1/nodeclaims");
      const named = new Set(claims.map((claim) => claim.status?.nodeName));
      const annotated = [...current.values()].every((node) => node.metadata.annotations?.["metrics.k8s.io/resource-metrics-path"] !== undefined);
      return annotated && named.size === current.size && [...current.keys()].every((name) => named.has(name)) ? current : undefined;
    });
    for (const pod of pods) expect(nodes.has(pod.spec.nodeName!), `${pod.metadata.name} runs on ${pod.spec.nodeName}, not a Karpenter node`).toBe(true);
    for (const node of nodes.values()) {
      const labels = node.metadata.labels!;
      expect(labels[LOCAL_NODE_GROUP_LABEL]).toBeUndefined();
      expect(node.metadata.annotations?.["kwok.x-k8s.io/node"]).toBe("fake");
      expect(spec.karpenter.instanceFamilies).toContain(labels["karpenter.k8s.aws/instance-family"]);
      expect(spec.karpenter.instanceSizes).toContain(labels["karpenter.k8s.aws/instance-size"]);
      expect(labels["node.kubernetes.io/instance-type"]).toBe(`${labels["karpenter.k8s.aws/instance-family"]}.${labels["karpenter.k8s.aws/instance-size"]}`);
      expect(["eu-west-1a", "eu-west-1b", "eu-west-1c"]).toContain(labels["topology.kubernetes.io/zone"]);
      expect(labels["karpenter.sh/capacity-type"]).toBe(labels["karpenter.sh/nodepool"]);
      expect(node.metadata.annotations?.["metrics.k8s.io/resource-metrics-path"]).toBe(`/metrics/nodes/${node.metadata.name}/metrics/resource`);
      // Karpenter removed its startup taint once kwok reported the node Ready.
      expect((node.spec.taints ?? []).map((taint) => taint.key)).not.toContain("karpenter.sh/unregistered");
    }
    expect(Object.keys(first.workloads.nodesByNodePool).sort()).toEqual(["on-demand on-demand", "spot spot"]);
  });

  let peakNodes = 0;

  it("GIVEN the api-server scaled to 50 replicas WHEN Karpenter has launched capacity THEN every pod runs, the spot/on-demand split holds within one node and the NodePool limits hold", async () => {
    const started = Date.now();
    await scaleTo(50);
    const pods = await until("50 api-server pods Running", 6 * MINUTE, async () => {
      const running = runningOn(await applicationPods());
      return running.length === 50 ? running : undefined;
    });
    log(`50 pods Running ${((Date.now() - started) / 1000).toFixed(1)}s after the scale-up`);
    const nodes = await karpenterNodes();
    peakNodes = nodes.length;
    const byName = new Map(nodes.map((node) => [node.metadata.name, node]));
    for (const pod of pods) expect(byName.has(pod.spec.nodeName!), `${pod.metadata.name} is not on a Karpenter node`).toBe(true);

    // Pods: an even spread over the capacity-spread values, four of five of which only spot nodes carry.
    const perValue = new Map<string, number>();
    for (const pod of pods) {
      const value = byName.get(pod.spec.nodeName!)!.metadata.labels![CAPACITY_SPREAD_LABEL]!;
      perValue.set(value, (perValue.get(value) ?? 0) + 1);
    }
    expect([...perValue.keys()].sort()).toEqual(["1", "2", "3", "4", "5"]);
    expect(Math.max(...perValue.values()) - Math.min(...perValue.values())).toBeLessThanOrEqual(1);
    const podsOnSpot = pods.filter((pod) => byName.get(pod.spec.nodeName!)!.metadata.labels!["karpenter.sh/capacity-type"] === "spot").length;
    expect(podsOnSpot).toBeGreaterThanOrEqual(38);
    expect(podsOnSpot).toBeLessThanOrEqual(42);

    // Nodes: the on-demand share of the nodes is the spec's 1 part in 5, within one node.
    const { spot, onDemand } = spec.karpenter.capacitySplit;
    const onDemandNodes = nodes.filter((node) => node.metadata.labels!["karpenter.sh/capacity-type"] === "on-demand").length;
    log(`nodes: ${nodes.length - onDemandNodes} spot, ${onDemandNodes} on-demand: ${nodes.map((node) => node.metadata.labels!["node.kubernetes.io/instance-type"]).sort().join(", ")}`);
    expect(Math.abs(onDemandNodes - (nodes.length * onDemand) / (spot + onDemand))).toBeLessThanOrEqual(1);

    // Limits: the instances each pool launched stay within its share of karpenter.limits. Counted
    // from the instance labels (real vCPU and MiB): kwok reports a node's capacity as the
    // requests it was launched for, not the instance's size.
    const pools = await list<NodePool>("/apis/karpenter.sh/v1/nodepools");
    expect(pools.map((pool) => `${pool.metadata.name} ${pool.spec.limits.cpu}`).sort()).toEqual(["on-demand 12", "spot 48"]);
    for (const pool of pools) {
      const mine = nodes.filter((node) => node.metadata.labels!["karpenter.sh/nodepool"] === pool.metadata.name);
      const cpu = mine.reduce((sum, node) => sum + Number(node.metadata.labels!["karpenter.k8s.aws/instance-cpu"]), 0);
      const memoryMi = mine.reduce((sum, node) => sum + Number(node.metadata.labels!["karpenter.k8s.aws/instance-memory"]), 0);
      expect(cpu, `NodePool ${pool.metadata.name}: ${cpu} vCPUs launched, limit ${pool.spec.limits.cpu}`).toBeLessThanOrEqual(Number(toMilli(pool.spec.limits.cpu)) / 1000);
      expect(BigInt(memoryMi) * 1024n * 1024n * 1000n <= toMilli(pool.spec.limits.memory), `NodePool ${pool.metadata.name}: ${memoryMi}Mi launched, limit ${pool.spec.limits.memory}`).toBe(true);
    }
  }, 8 * MINUTE);

  it("GIVEN the api-server scaled back to 3 WHEN consolidateAfter has passed THEN Karpenter removes the nodes it no longer needs", async () => {
    expect(peakNodes).toBeGreaterThan(3);
    const started = Date.now();
    await scaleTo(3);
    // Done when no Karpenter node is left with only DaemonSet pods. Add-on pods (when the
    // add-ons' charts are in the chart cache) may keep a node of their own: that node is needed.
    const remaining = await until("Karpenter to remove every node left empty by the scale-down", 8 * MINUTE, async () => {
      const nodes = await karpenterNodes();
      if (runningOn(await applicationPods()).length !== 3) return undefined;
      const occupied = new Set(
        runningOn(await list<Pod>("/api/v1/pods"))
          .filter((pod) => !(pod.metadata.ownerReferences ?? []).some((owner) => owner.kind === "DaemonSet"))
          .map((pod) => pod.spec.nodeName),
      );
      return nodes.every((node) => occupied.has(node.metadata.name)) ? nodes : undefined;
    });
    log(`consolidated from ${peakNodes} to ${remaining.length} nodes in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    expect(remaining.length).toBeLessThan(peakNodes);
    const withApplication = new Set(runningOn(await applicationPods()).map((pod) => pod.spec.nodeName));
    expect(remaining.filter((node) => withApplication.has(node.metadata.name)).length).toBeLessThanOrEqual(3);
  }, 10 * MINUTE);
});
