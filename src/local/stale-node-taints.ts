/**
 * Recovering fake nodes from an API server that died at the wrong moment.
 *
 * The node lifecycle controller removes the `node.kubernetes.io/not-ready` taint once a
 * node reports Ready. When the API server dies during that request the controller
 * requeues the node but only looks at it again on the node's next update, and kwok's fake
 * kubelets heartbeat through Leases, so that update may never come: the node stays Ready
 * and tainted, and pods that need it stay Pending. A resumed `up` therefore touches each
 * Ready node that still carries the taint (an annotation change, i.e. an update event),
 * which makes the controller re-check it, as a restarted kubelet's status update would.
 */
import type { ApiClient } from "./api-client.js";

export const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
const RECHECK_ANNOTATION = "slipway.io/taints-rechecked-at";

interface NodeListShape {
  readonly items?: readonly {
    readonly metadata?: { readonly name?: string };
    readonly spec?: { readonly taints?: readonly { readonly key?: string }[] };
    readonly status?: { readonly conditions?: readonly { readonly type?: string; readonly status?: string }[] };
  }[];
}

/** Names of nodes that are Ready yet still carry the not-ready taint. */
export function readyNodesWithNotReadyTaint(nodeList: NodeListShape): string[] {
  return (nodeList.items ?? [])
    .filter((node) => node.status?.conditions?.some((condition) => condition.type === "Ready" && condition.status === "True"))
    .filter((node) => node.spec?.taints?.some((taint) => taint.key === NOT_READY_TAINT))
    .map((node) => node.metadata?.name ?? "")
    .filter((name) => name !== "")
    .sort();
}

/** Touches every Ready node that kept the not-ready taint; returns their names. */
export async function recheckStaleNotReadyTaints(client: ApiClient, now: Date = new Date()): Promise<string[]> {
  const response = await client.get("/api/v1/nodes");
  if (response.status !== 200) return [];
  const names = readyNodesWithNotReadyTaint(JSON.parse(response.body) as NodeListShape);
  const patch = JSON.stringify({ metadata: { annotations: { [RECHECK_ANNOTATION]: now.toISOString() } } });
  for (const name of names) await client.send("PATCH", `/api/v1/nodes/${encodeURIComponent(name)}`, patch, "application/merge-patch+json", 10000);
  return names;
}
