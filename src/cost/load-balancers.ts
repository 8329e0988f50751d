/**
 * The Application Load Balancers the platform creates: the AWS Load Balancer Controller
 * makes one per IngressGroup (`alb.ingress.kubernetes.io/group.name`) and one per
 * Ingress outside any group. Read from the generated objects and from the Argo CD Helm
 * values (its `argocd-server` Ingress), so what is priced is what is deployed.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";
import { platformNames } from "../platform-spec/names.js";
import { platformObjects } from "../charts/chart-applications.js";
import { argocdValues } from "../gitops/argocd/argocd-values.js";

export interface LoadBalancer {
  /** e.g. `IngressGroup slipway-shared (2 Ingresses: production/api, ...)`. */
  readonly description: string;
}

const GROUP_ANNOTATION = "alb.ingress.kubernetes.io/group.name";

export function loadBalancers(spec: PlatformSpec): LoadBalancer[] {
  const result: LoadBalancer[] = [];
  if (spec.argocd.mode !== "eks-capability") {
    const ingress = (argocdValues(spec, platformNames(spec)).server as { ingress?: { enabled?: boolean; annotations?: Record<string, string> } } | undefined)?.ingress;
    if (ingress?.enabled === true) {
      const group = ingress.annotations?.[GROUP_ANNOTATION];
      result.push({ description: group === undefined ? "Argo CD UI (argocd-server Ingress)" : `IngressGroup ${group} (Argo CD UI)` });
    }
  }
  const groups = new Map<string, string[]>();
  for (const object of platformObjects(spec)) {
    if (object.kind !== "Ingress" || (object.spec as { ingressClassName?: string } | undefined)?.ingressClassName !== "alb") continue;
    const name = `${object.metadata.namespace ?? "default"}/${object.metadata.name}`;
    const group = object.metadata.annotations?.[GROUP_ANNOTATION];
    if (group === undefined) result.push({ description: `Ingress ${name}` });
    else groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  for (const [group, members] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = members.sort();
    result.push({ description: `IngressGroup ${group} (${sorted.length} Ingress${sorted.length > 1 ? "es" : ""}: ${sorted.join(", ")})` });
  }
  return result;
}
