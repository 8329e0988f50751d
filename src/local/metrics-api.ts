/**
 * Registration of the host-run metrics-server with the API server's aggregation layer:
 * an ExternalName Service pointing at loopback (there is no kube-proxy to reach a
 * ClusterIP) and the `v1beta1.metrics.k8s.io` APIService, trusting the local CA. This is
 * how kwokctl wires its metrics-server too.
 */
import { readFileSync } from "node:fs";
import type { KubeObject } from "../manifest/kube-object.js";

export const METRICS_SERVICE = { namespace: "kube-system", name: "slipway-local-metrics-server" } as const;

export function metricsApiObjects(port: number, caCertFile: string): KubeObject[] {
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: METRICS_SERVICE.name, namespace: METRICS_SERVICE.namespace },
      spec: { type: "ExternalName", externalName: "localhost", ports: [{ name: "https", port, protocol: "TCP" }] },
    },
    {
      apiVersion: "apiregistration.k8s.io/v1",
      kind: "APIService",
      metadata: { name: "v1beta1.metrics.k8s.io" },
      spec: {
        group: "metrics.k8s.io",
        version: "v1beta1",
        groupPriorityMinimum: 100,
        versionPriority: 100,
        service: { namespace: METRICS_SERVICE.namespace, name: METRICS_SERVICE.name, port },
        caBundle: readFileSync(caCertFile).toString("base64"),
      },
    },
  ];
}
