/**
 * The Ingress of an application with a public host: a rule on the shared
 * internet-facing ALB (one load balancer for all applications of the cluster, through
 * the AWS Load Balancer Controller's IngressGroup), HTTPS only, pods as targets.
 *
 * The backend is the stable Service with port `use-annotation`: Argo Rollouts writes the
 * `alb.ingress.kubernetes.io/actions.<stable service>` annotation with the current weights
 * of the stable and canary target groups, so the ALB sends exactly `setWeight` percent of
 * requests to the canary. Argo CD leaves that annotation alone because it is not in Git.
 */
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { applicationLabels } from "./labels.js";
import { serviceName } from "./services.js";

/** IngressGroup every application Ingress joins, so they share one ALB. */
export const SHARED_ALB_GROUP = "slipway-shared";

/** TLS 1.3 with TLS 1.2 fallback: the ALB policy AWS recommends for new listeners. */
export const ALB_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** The port name telling the AWS Load Balancer Controller to read the actions annotation. */
export const USE_ANNOTATION_PORT = "use-annotation";

/**
 * The annotations that make an Ingress a rule of the shared ALB: what every public host
 * of the shared ALB (applications, Grafana) carries, with the path its targets answer
 * health checks on.
 */
export function sharedAlbAnnotations(healthCheckPath: string): Record<string, string> {
  return {
    "alb.ingress.kubernetes.io/scheme": "internet-facing",
    // IP mode: the ALB sends to pod IPs directly (no NodePort hop), which is why the
    // tenancy network policy admits the VPC CIDR on the pod's port.
    "alb.ingress.kubernetes.io/target-type": "ip",
    "alb.ingress.kubernetes.io/group.name": SHARED_ALB_GROUP,
    "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
    // Port 80 only redirects; no request is ever served in clear text.
    "alb.ingress.kubernetes.io/ssl-redirect": "443",
    "alb.ingress.kubernetes.io/ssl-policy": ALB_SSL_POLICY,
    "alb.ingress.kubernetes.io/healthcheck-path": healthCheckPath,
  };
}

export function applicationIngress(name: string, application: ApplicationSpec, host: string): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name,
      namespace: application.namespace,
      labels: applicationLabels(name),
      annotations: sharedAlbAnnotations(application.probes.readinessPath),
    },
    spec: {
      ingressClassName: "alb",
      // No certificate ARN: the controller finds the ACM certificate matching the TLS host.
      tls: [{ hosts: [host] }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: "/",
                pathType: "Prefix",
                backend: { service: { name: serviceName(name, "stable"), port: { name: USE_ANNOTATION_PORT } } },
              },
            ],
          },
        },
      ],
    },
  } satisfies IIngress;
}
