/**
 * The three Services of an application.
 *
 * - `<app>` selects every pod, stable and canary. In-cluster clients call it; during an
 *   update it spreads their requests by replica count, which is how Argo Rollouts
 *   approximates `setWeight` without a traffic router. It also carries the metrics port,
 *   and is the only Service the ServiceMonitor selects, so each pod is scraped once.
 * - `<app>-stable` and `<app>-canary` are the Rollout's stableService and canaryService:
 *   the controller rewrites their selectors to the stable and canary ReplicaSets. The
 *   Ingress targets the stable one and the ALB splits between the two by weight.
 */
import type { IService } from "kubernetes-models/v1/Service";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { HTTP_PORT_NAME, METRICS_PORT_NAME, applicationLabels, applicationSelector } from "./labels.js";

/** Port every application Service listens on; it forwards to the container's `http` port. */
export const SERVICE_HTTP_PORT = 80;

/** Label telling the three Services apart; the ServiceMonitor selects `root`. */
export const SERVICE_ROLE_LABEL = "slipway.io/service-role";

export type ServiceRole = "root" | "stable" | "canary";

export function serviceName(name: string, role: ServiceRole): string {
  return role === "root" ? name : `${name}-${role}`;
}

function service(name: string, application: ApplicationSpec, role: ServiceRole): KubeObject {
  const ports: NonNullable<IService["spec"]>["ports"] = [{ name: HTTP_PORT_NAME, port: SERVICE_HTTP_PORT, targetPort: HTTP_PORT_NAME, protocol: "TCP" }];
  if (role === "root") ports.push({ name: METRICS_PORT_NAME, port: application.metricsPort, targetPort: METRICS_PORT_NAME, protocol: "TCP" });
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: serviceName(name, role), namespace: application.namespace, labels: { ...applicationLabels(name), [SERVICE_ROLE_LABEL]: role } },
    spec: { type: "ClusterIP", selector: applicationSelector(name), ports },
  } satisfies IService;
}

export function applicationServices(name: string, application: ApplicationSpec): KubeObject[] {
  return (["root", "stable", "canary"] as const).map((role) => service(name, application, role));
}
