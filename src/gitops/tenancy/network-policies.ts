/**
 * Network policies of a tenant namespace: deny everything, then open only the paths the
 * platform knows are needed.
 *
 * - DNS egress to CoreDNS, selected by the `kubernetes.io/metadata.name` label the API
 *   server sets on every namespace (no invented labels to keep in sync).
 * - HTTP ingress to each application from the VPC CIDR: the AWS Load Balancer Controller
 *   in IP target mode registers pod IPs in the target group, so the ALB connects to pods
 *   directly from its ENIs, whose addresses are in the VPC's subnets. No pod selector can
 *   match an ALB; an ipBlock of the VPC CIDR is the narrowest rule that does.
 * - Metrics ingress from the Prometheus pods of the monitoring namespace only.
 * - Database egress inside the VPC for applications that are given a DATABASE_URL.
 *
 * Applications get no egress to AWS APIs or the internet: they have no AWS identity (their
 * secrets arrive through External Secrets, whose controller does the AWS calls), so such
 * a path would only serve an attacker.
 */
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { MANAGED_BY_LABELS } from "../conventions.js";
import { applicationSelector } from "../applications/labels.js";

/** Label the API server sets on every namespace to its name (Kubernetes >= 1.22). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** CoreDNS pods on EKS keep the historical kube-dns label. */
export const KUBE_DNS_SELECTOR = { "k8s-app": "kube-dns" } as const;

/** Label prometheus-operator puts on the Prometheus pods it runs. */
export const PROMETHEUS_POD_SELECTOR = { "app.kubernetes.io/name": "prometheus" } as const;

/**
 * The database an application reaches through DATABASE_URL: PostgreSQL (Amazon RDS or
 * Aurora) in the VPC's private subnets. Only applications with a DATABASE_URL secret get
 * this egress.
 */
export const DATABASE_EGRESS = { variable: "DATABASE_URL", port: 5432 } as const;

function networkPolicy(namespace: string, name: string, spec: INetworkPolicy["spec"]): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace, labels: { ...MANAGED_BY_LABELS } },
    spec,
  } satisfies INetworkPolicy;
}

/** Selects every pod and allows nothing: any path not opened below is closed. */
export function defaultDenyPolicy(namespace: string): KubeObject {
  return networkPolicy(namespace, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
}

export function allowDnsPolicy(namespace: string): KubeObject {
  return networkPolicy(namespace, "allow-dns", {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [
      {
        to: [
          {
            // Both selectors in one peer: kube-dns pods *in* kube-system, not either.
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } },
            podSelector: { matchLabels: { ...KUBE_DNS_SELECTOR } },
          },
        ],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    ],
  });
}

export function allowHttpFromLoadBalancerPolicy(name: string, application: ApplicationSpec, vpcCidr: string): KubeObject {
  return networkPolicy(application.namespace, `${name}-allow-http-from-load-balancer`, {
    podSelector: { matchLabels: applicationSelector(name) },
    policyTypes: ["Ingress"],
    // NetworkPolicy ports are the pod's ports (the Service's targetPort), not the Service's.
    ingress: [{ from: [{ ipBlock: { cidr: vpcCidr } }], ports: [{ protocol: "TCP", port: application.port }] }],
  });
}

export function allowMetricsFromPrometheusPolicy(name: string, application: ApplicationSpec, monitoringNamespace: string): KubeObject {
  return networkPolicy(application.namespace, `${name}-allow-metrics-from-prometheus`, {
    podSelector: { matchLabels: applicationSelector(name) },
    policyTypes: ["Ingress"],
    ingress: [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: monitoringNamespace } },
            podSelector: { matchLabels: { ...PROMETHEUS_POD_SELECTOR } },
          },
        ],
        ports: [{ protocol: "TCP", port: application.metricsPort }],
      },
    ],
  });
}

export function allowDatabaseEgressPolicy(name: string, application: ApplicationSpec, vpcCidr: string): KubeObject {
  return networkPolicy(application.namespace, `${name}-allow-database-egress`, {
    podSelector: { matchLabels: applicationSelector(name) },
    policyTypes: ["Egress"],
    egress: [{ to: [{ ipBlock: { cidr: vpcCidr } }], ports: [{ protocol: "TCP", port: DATABASE_EGRESS.port }] }],
  });
}

/** Every network policy of one namespace: the namespace-wide ones, then each application's. */
export function namespaceNetworkPolicies(
  namespace: string,
  applications: readonly (readonly [string, ApplicationSpec])[],
  vpcCidr: string,
  names: PlatformNames,
): KubeObject[] {
  const policies = [defaultDenyPolicy(namespace), allowDnsPolicy(namespace)];
  for (const [name, application] of applications) {
    policies.push(allowHttpFromLoadBalancerPolicy(name, application, vpcCidr));
    policies.push(allowMetricsFromPrometheusPolicy(name, application, names.namespaces.monitoring));
    if (DATABASE_EGRESS.variable in (names.secrets.applications[name] ?? {})) {
      policies.push(allowDatabaseEgressPolicy(name, application, vpcCidr));
    }
  }
  return policies;
}
