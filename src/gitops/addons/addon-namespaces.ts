/**
 * Pod Security level of every namespace the add-on Applications create. Argo CD creates
 * them (`CreateNamespace=true`) and labels them from the Application's
 * `managedNamespaceMetadata`; this table is the one place that label set comes from, so
 * the several Applications sharing a namespace (monitoring) can never disagree and make
 * Argo CD flip the labels back and forth.
 *
 * Each level is the strictest one every pod the pinned charts render there passes, judged
 * with the checker's own Pod Security evaluator (test/gitops/addons/addon-namespaces.test.ts
 * renders the charts and holds each pod to its namespace's level; docs/gitops-addons.md
 * records the result). Components that need the host (node-exporter, Alloy reading
 * /var/log, the Secrets Store CSI driver and its AWS provider) run in kube-system beside
 * EKS's own node agents, instead of lowering a namespace of ordinary controllers.
 */
import { SlipwayError } from "../../errors.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { NamespaceSpec } from "../../platform-spec/schema.js";
import type { ManagedNamespaceMetadata } from "../argocd/application.js";
import { MANAGED_BY_LABELS } from "../conventions.js";
import { podSecurityLabels } from "../tenancy/namespace-object.js";

export type PodSecurityLevel = NamespaceSpec["podSecurity"];

export type AddonNamespacePolicy =
  | { readonly podSecurity: PodSecurityLevel; readonly why: string }
  /** A namespace the platform installs into but does not own, so it never relabels it. */
  | { readonly podSecurity: "unmanaged"; readonly why: string };

/** Every namespace an add-on Application installs into, with its level and the reason. */
export function addonNamespacePolicies(names: PlatformNames): ReadonlyMap<string, AddonNamespacePolicy> {
  const { namespaces } = names;
  return new Map<string, AddonNamespacePolicy>([
    [
      namespaces.system,
      {
        podSecurity: "unmanaged",
        why:
          "EKS's own namespace, left unlabelled (privileged) as EKS ships it: its node agents (aws-node, kube-proxy, ebs-csi-node) need the host, and so do the platform's node agents placed here on purpose (Secrets Store CSI driver and AWS provider, node-exporter, Alloy)",
      },
    ],
    [namespaces.certManager, { podSecurity: "restricted", why: "controller, cainjector, webhook and the startupapicheck hook pass restricted" }],
    [namespaces.externalSecrets, { podSecurity: "restricted", why: "controller, webhook and cert-controller pass restricted" }],
    [namespaces.argoRollouts, { podSecurity: "restricted", why: "the controller passes restricted" }],
    [
      namespaces.monitoring,
      {
        podSecurity: "restricted",
        why: "Prometheus Operator, Grafana (without its root chown init container), kube-state-metrics, Loki, Tempo and prometheus-adapter pass restricted; the host agents run in kube-system",
      },
    ],
  ]);
}

/**
 * Labels Argo CD puts on an add-on namespace it creates: Pod Security enforce, audit and
 * warn at the namespace's level, each pinned to POD_SECURITY_VERSION (the tenancy
 * namespaces' label builder). Undefined for a namespace the platform does not own.
 */
export function addonNamespaceMetadata(names: PlatformNames, namespace: string): ManagedNamespaceMetadata | undefined {
  const policy = addonNamespacePolicies(names).get(namespace);
  if (policy === undefined) {
    throw new SlipwayError("USAGE", `add-on namespace "${namespace}" has no Pod Security level`, {
      where: "src/gitops/addons/addon-namespaces.ts",
      fix: `add "${namespace}" to addonNamespacePolicies with the strictest level its pods pass (test/gitops/addons/addon-namespaces.test.ts judges it)`,
    });
  }
  if (policy.podSecurity === "unmanaged") return undefined;
  return { labels: { ...MANAGED_BY_LABELS, ...podSecurityLabels(policy.podSecurity) } };
}
