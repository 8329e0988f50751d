/**
 * A tenant Namespace labelled for Pod Security admission.
 *
 * enforce, audit and warn carry the same level so that what is rejected is also what is
 * audited and warned about; every `-version` label is pinned to POD_SECURITY_VERSION so
 * an API server upgrade cannot silently tighten or loosen the standard the namespace is
 * held to (an unpinned label means "latest").
 */
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { NamespaceSpec } from "../../platform-spec/schema.js";
import { POD_SECURITY_VERSION } from "../../versions.js";
import { MANAGED_BY_LABELS } from "../conventions.js";

/** Namespace label naming the team that owns it (its quota and AppProject apply). */
export const TEAM_LABEL = "slipway.io/team";

const POD_SECURITY_MODES = ["enforce", "audit", "warn"] as const;

export function podSecurityLabels(level: NamespaceSpec["podSecurity"]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of POD_SECURITY_MODES) {
    labels[`pod-security.kubernetes.io/${mode}`] = level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}

export function namespaceObject(name: string, namespace: NamespaceSpec): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: {
        // User labels first: the platform's own labels must win over a user's typo.
        ...namespace.labels,
        ...MANAGED_BY_LABELS,
        ...podSecurityLabels(namespace.podSecurity),
        ...(namespace.team === undefined ? {} : { [TEAM_LABEL]: namespace.team }),
      },
    },
  } satisfies INamespace;
}
