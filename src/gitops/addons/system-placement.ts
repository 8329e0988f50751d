/**
 * Where cluster-critical controllers run: on the `system` managed node group, which is
 * tainted so that only add-ons tolerating the taint land there. Derived from the spec's
 * node group, so a renamed label or an extra taint follows automatically.
 */
import type { PlatformSpec } from "../../platform-spec/schema.js";

export interface Toleration {
  readonly key: string;
  readonly operator: "Exists";
  readonly effect: string;
}

export interface Placement {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
}

export const SYSTEM_NODE_GROUP = "system";

/** Node selector and tolerations of the system node group; empty when the spec has none. */
export function systemPlacement(spec: PlatformSpec): Placement {
  const group = spec.nodeGroups[SYSTEM_NODE_GROUP];
  if (group === undefined) return { nodeSelector: {}, tolerations: [] };
  return {
    nodeSelector: { ...group.labels },
    // `Exists` tolerates the taint whatever its value, so a changed value never strands a controller.
    tolerations: group.taints.map((taint) => ({ key: taint.key, operator: "Exists", effect: taint.effect })),
  };
}

/** Tolerates every taint: for node agents (log shipper, CSI driver) that must run on every node. */
export const TOLERATE_EVERYTHING = [{ operator: "Exists" }] as const;
