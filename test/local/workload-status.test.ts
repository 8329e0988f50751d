import { createServer } from "node:https";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { nodeGroupOf, summarizeWorkloads, waitForWorkloads, type ClusterSnapshot } from "../../src/local/workload-status.js";
import { clientFor, testPki } from "../support/local-pki.js";

const node = (name: string, labels: Record<string, string>) => ({ metadata: { name, labels } });
const running = (name: string, nodeName: string) => ({ metadata: { name, namespace: "production" }, spec: { nodeName }, status: { phase: "Running" } });

describe("summarizeWorkloads", () => {
  const snapshot: ClusterSnapshot = {
    nodes: [
      node("system-0", { "slipway.io/local-node-group": "system", "karpenter.sh/capacity-type": "on-demand" }),
      node("kwok-spot-a", { "karpenter.sh/nodepool": "spot", "karpenter.sh/capacity-type": "spot" }),
      node("kwok-spot-b", { "karpenter.sh/nodepool": "spot", "karpenter.sh/capacity-type": "spot" }),
      node("kwok-od-a", { "karpenter.sh/nodepool": "on-demand", "karpenter.sh/capacity-type": "on-demand" }),
      node("stray", {}),
    ],
    pods: [running("a", "kwok-spot-a"), running("b", "kwok-spot-b"), running("c", "kwok-od-a"), running("d", "system-0"), running("e", "stray")],
    workloads: [],
    warnings: [],
  };
  const summary = summarizeWorkloads(snapshot);

  it("GIVEN managed and Karpenter nodes WHEN summarized THEN Karpenter's are counted per NodePool and capacity type, managed ones are not", () => {
    expect(summary.nodesByNodePool).toEqual({ "on-demand on-demand": 1, "spot spot": 2 });
  });

  it("GIVEN pods on both kinds of nodes WHEN summarized THEN pods are grouped by managed node group or karpenter/<NodePool>", () => {
    expect(summary.runningByNodeGroup).toEqual({ "(unlabelled)": 1, "karpenter/on-demand": 1, "karpenter/spot": 2, system: 1 });
  });

  it.each([
    [{ "slipway.io/local-node-group": "application", "karpenter.sh/nodepool": "spot" }, "application"],
    [{ "karpenter.sh/nodepool": "spot" }, "karpenter/spot"],
    [{}, "(unlabelled)"],
  ])("GIVEN node labels %j WHEN grouped THEN the group is %s", (labels, group) => {
    expect(nodeGroupOf(node("n", labels))).toBe(group);
  });
});

describe("waitForWorkloads", () => {
  it("GIVEN a cluster that settles and then gains a node with a Pending daemon pod WHEN waited on THEN the snapshot returned is the settled one, not a later read", async () => {
    // A real HTTPS server answering as the API server would: the first read of the pods is
    // settled, every later one has Karpenter's new node with its node-exporter pod Pending.
    const pki = await testPki();
    let podReads = 0;
    const pods = () => {
      const settled = [running("api-0", "system-0"), { ...running("node-exporter-a", "system-0"), metadata: { name: "node-exporter-a", namespace: "monitoring" } }];
      podReads++;
      return podReads === 1 ? settled : [...settled, { metadata: { name: "node-exporter-b", namespace: "monitoring" }, spec: { nodeName: "kwok-new" }, status: { phase: "Pending" } }];
    };
    const server = createServer({ key: readFileSync(pki.serving.key), cert: readFileSync(pki.serving.cert) }, (request, response) => {
      const path = request.url?.split("?")[0];
      const items = path === "/api/v1/pods" ? pods() : path === "/api/v1/nodes" ? [node("system-0", { "slipway.io/local-node-group": "system" })] : [];
      response.writeHead(200).end(JSON.stringify({ items }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = clientFor(pki, (server.address() as AddressInfo).port);
    try {
      const { summary, snapshot } = await waitForWorkloads(client, { timeoutMs: 5000, stableMs: 5000 });
      expect(summary.settled).toBe(true);
      expect(snapshot.pods.map((pod) => pod.metadata.name)).toEqual(["api-0", "node-exporter-a"]);
      expect(summarizeWorkloads(snapshot)).toEqual(summary);
    } finally {
      client.close();
      server.close();
    }
  });
});
