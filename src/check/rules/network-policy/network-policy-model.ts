/**
 * A NetworkPolicy read with the API server's defaulting applied: `policyTypes` defaults
 * to Ingress, plus Egress when the policy has egress rules (SetDefaults_NetworkPolicySpec);
 * a rule without `from`/`to` admits every peer, a rule without `ports` every port; a peer
 * with only `podSelector` means pods of the policy's own namespace, with only
 * `namespaceSelector` every pod of the selected namespaces, with both the intersection.
 */
import type { SourceObject } from "../../finding.js";
import { objectsOfKind } from "../support/find-objects.js";
import { asArray, asNumber, asRecord, asRecords, asString, getPath } from "../support/json.js";
import { parseLabelSelector, type LabelSelector } from "../support/label-selector.js";
import { namespaceOf } from "../support/namespaces.js";

export type PolicyPeer =
  | { readonly type: "pods"; readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector }
  | { readonly type: "ipBlock"; readonly cidr: string; readonly except: readonly string[] };

export interface PolicyPort {
  readonly protocol: string;
  /** Number, name of a container port of the destination, or absent for every port. */
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface PolicyRule {
  /** Absent `from`/`to`: every peer. */
  readonly peers: readonly PolicyPeer[] | "all";
  /** Absent `ports`: every port. */
  readonly ports: readonly PolicyPort[] | "all";
}

export interface NetworkPolicyModel {
  readonly source: SourceObject;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  /** Absent when the policy does not apply to ingress. */
  readonly ingress?: readonly PolicyRule[];
  /** Absent when the policy does not apply to egress. */
  readonly egress?: readonly PolicyRule[];
}

function readPeer(value: Record<string, unknown>): PolicyPeer | undefined {
  const ipBlock = asRecord(value.ipBlock);
  if (ipBlock) {
    const except = asArray(ipBlock.except).filter((item): item is string => typeof item === "string");
    return { type: "ipBlock", cidr: asString(ipBlock.cidr) ?? "", except };
  }
  const hasPods = value.podSelector !== undefined && value.podSelector !== null;
  const hasNamespaces = value.namespaceSelector !== undefined && value.namespaceSelector !== null;
  if (!hasPods && !hasNamespaces) return undefined;
  return {
    type: "pods",
    ...(hasPods ? { podSelector: parseLabelSelector(value.podSelector) } : {}),
    ...(hasNamespaces ? { namespaceSelector: parseLabelSelector(value.namespaceSelector) } : {}),
  };
}

function readPort(value: Record<string, unknown>): PolicyPort {
  const port = typeof value.port === "number" || typeof value.port === "string" ? value.port : undefined;
  const endPort = asNumber(value.endPort);
  return {
    protocol: asString(value.protocol) ?? "TCP",
    ...(port !== undefined ? { port } : {}),
    ...(endPort !== undefined ? { endPort } : {}),
  };
}

function readRules(value: unknown, peerField: "from" | "to"): PolicyRule[] {
  return asRecords(value).map((rule) => {
    const peers = rule[peerField];
    const ports = rule.ports;
    return {
      // An empty list is the same as an absent one in the API (len(From) == 0 admits all).
      peers: asArray(peers).length === 0 ? "all" : asRecords(peers).flatMap((peer) => readPeer(peer) ?? []),
      ports: asArray(ports).length === 0 ? "all" : asRecords(ports).map(readPort),
    };
  });
}

function policyTypes(spec: Record<string, unknown>): Set<string> {
  const declared = asArray(spec.policyTypes).filter((item): item is string => typeof item === "string");
  if (declared.length > 0) return new Set(declared);
  return new Set(asArray(spec.egress).length > 0 ? ["Ingress", "Egress"] : ["Ingress"]);
}

export function isNetworkPolicy(object: SourceObject): boolean {
  return object.kind === "NetworkPolicy" && object.apiVersion === "networking.k8s.io/v1";
}

export function readNetworkPolicies(objects: readonly SourceObject[]): NetworkPolicyModel[] {
  return objectsOfKind(objects, "NetworkPolicy").filter(isNetworkPolicy).flatMap((source) => {
    const spec = asRecord(source.document.spec);
    if (!spec) return [];
    const types = policyTypes(spec);
    return [
      {
        source,
        namespace: namespaceOf(source),
        podSelector: parseLabelSelector(getPath(spec, "podSelector") ?? {}),
        ...(types.has("Ingress") ? { ingress: readRules(spec.ingress, "from") } : {}),
        ...(types.has("Egress") ? { egress: readRules(spec.egress, "to") } : {}),
      },
    ];
  });
}
