/**
 * Times the local Karpenter (kwok cloud provider) provisioning for a burst of pending pods:
 * `slipway up --local` on the reference platform, then the api-server Rollout scaled from
 * its 10 replicas (3 in later runs) to 50 (its HPA removed first so it cannot pull the replicas back), timed
 * from the scale request until all 50 pods are Running on nodes Karpenter launched; then
 * scaled to 3 and timed until Karpenter has consolidated the nodes it no longer needs.
 *
 *   npx tsx bench/karpenter-scale.ts [--runs N]   (default 3 scale-up/scale-down cycles)
 *
 * The cluster is named `slipway-bench-karpenter` and removed at the end. No add-on charts
 * are rendered (they do not change what Karpenter does for the api-server). The spec
 * keeps the reference NodePools but for `karpenter.consolidateAfter: 10s` (reference: 60s),
 * so a consolidation figure does not include a minute of deliberate waiting.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ApiClient } from "../src/local/api-client.js";
import { ensureBinaries } from "../src/local/binaries.js";
import { down, up } from "../src/local/local-cluster.js";
import { parseSpec } from "../src/platform-spec/load.js";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const crds = resolve(repoRoot, "..", "shared", "crds");
const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 3;
const spec = parseSpec({ cluster: { name: "slipway-bench-karpenter" }, karpenter: { consolidateAfter: "10s" } }, "bench/karpenter-scale.ts");
const print = (line: string) => process.stdout.write(`${line}\n`);
const ROLLOUT = "/apis/argoproj.io/v1alpha1/namespaces/production/rollouts/api-server";

interface Item {
  metadata: { name: string; labels?: Record<string, string>; ownerReferences?: { kind: string }[] };
  spec: { nodeName?: string };
  status: { phase?: string };
}

await ensureBinaries({ onProgress: print });
await down(spec.cluster.name);
try {
  // `up` applies the platform itself: with Argo CD, self-heal would put back the HPA deleted below.
  const result = await up({ spec, apply: "server-side-apply", crdFolders: [crds] });
  print(`up --local (no charts): ${result.seconds}s; Karpenter nodes ${JSON.stringify(result.workloads.nodesByNodePool)}`);
  const pki = join(result.state.stateDirectory, "pki");
  const client = new ApiClient({ server: result.state.server, caCert: join(pki, "ca.crt"), clientCert: join(pki, "admin.crt"), clientKey: join(pki, "admin.key") });
  const list = async (path: string) => (await client.getJson<{ items: Item[] }>(path)).items;
  const pods = async () => (await list("/api/v1/namespaces/production/pods")).filter((pod) => pod.metadata.labels?.["app.kubernetes.io/name"] === "api-server");
  const karpenterNodes = async () => (await list("/api/v1/nodes")).filter((node) => node.metadata.labels?.["karpenter.sh/nodepool"] !== undefined);
  const waitFor = async (test: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await test())) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
    }
  };
  const scale = async (replicas: number) => {
    const response = await client.send("PATCH", ROLLOUT, JSON.stringify({ spec: { replicas } }), "application/merge-patch+json", 30000);
    if (response.status !== 200) throw new Error(`scaling failed: ${response.status} ${response.body}`);
  };
  await client.delete("/apis/autoscaling/v2/namespaces/production/horizontalpodautoscalers/api-server");
  try {
    for (let run = 1; run <= runs; run++) {
      const before = (await pods()).filter((pod) => pod.status.phase === "Running").length;
      let started = Date.now();
      await scale(50);
      await waitFor(async () => (await pods()).filter((pod) => pod.status.phase === "Running" && pod.spec.nodeName !== undefined).length === 50, 10 * 60_000);
      const scaleUp = (Date.now() - started) / 1000;
      const nodes = await karpenterNodes();
      const types = nodes.map((node) => `${node.metadata.labels?.["karpenter.sh/capacity-type"]}:${node.metadata.labels?.["node.kubernetes.io/instance-type"]}`).sort();
      started = Date.now();
      await scale(3);
      // Done when no Karpenter node is left with only DaemonSet pods (add-on pods may keep one).
      await waitFor(async () => {
        if ((await pods()).filter((pod) => pod.status.phase === "Running").length !== 3) return false;
        const occupied = new Set(
          (await list("/api/v1/pods"))
            .filter((pod) => pod.status.phase === "Running" && !(pod.metadata.ownerReferences ?? []).some((owner) => owner.kind === "DaemonSet"))
            .map((pod) => pod.spec.nodeName),
        );
        return (await karpenterNodes()).every((node) => occupied.has(node.metadata.name));
      }, 15 * 60_000);
      const scaleDown = (Date.now() - started) / 1000;
      print(`run ${run}: ${before} -> 50 pods Running in ${scaleUp.toFixed(1)}s on ${nodes.length} nodes (${types.join(", ")}); 50 -> 3 consolidated to ${(await karpenterNodes()).length} nodes in ${scaleDown.toFixed(1)}s`);
    }
  } finally {
    client.close();
  }
} finally {
  await down(spec.cluster.name);
}
