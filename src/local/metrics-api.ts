/**
 * Registration of the host-run aggregated API servers with the API server's aggregation
 * layer: an ExternalName Service pointing at loopback (there is no kube-proxy to reach a
 * ClusterIP) and the APIService, trusting the local CA. This is how kwokctl wires its
 * metrics-server too. metrics-server serves `v1beta1.metrics.k8s.io` on every local
 * cluster; prometheus-adapter serves `v1beta1.custom.metrics.k8s.io` (the version its
 * chart registers) on the clusters `slipway simulate` brings up.
 */
import { readFileSync } from "node:fs";
import type { KubeObject } from "../manifest/kube-object.js";

export const METRICS_SERVICE = { namespace: "kube-system", name: "slipway-local-metrics-server" } as const;
export const CUSTOM_METRICS_SERVICE = { namespace: "kube-system", name: "slipway-local-prometheus-adapter" } as const;

/** DNS names the aggregator checks the serving certificate against, one per Service above. */
export const AGGREGATED_SERVICE_NAMES = [METRICS_SERVICE, CUSTOM_METRICS_SERVICE].map((service) => `${service.name}.${service.namespace}.svc`);

export function metricsApiObjects(port: number, caCertFile: string): KubeObject[] {
  return hostApiService(METRICS_SERVICE, "metrics.k8s.io", "v1beta1", port, caCertFile);
}

export function customMetricsApiObjects(port: number, caCertFile: string): KubeObject[] {
  return hostApiService(CUSTOM_METRICS_SERVICE, "custom.metrics.k8s.io", "v1beta1", port, caCertFile);
}

function hostApiService(service: { namespace: string; name: string }, group: string, version: string, port: number, caCertFile: string): KubeObject[] {
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: service.name, namespace: service.namespace },
      spec: { type: "ExternalName", externalName: "localhost", ports: [{ name: "https", port, protocol: "TCP" }] },
    },
    {
      apiVersion: "apiregistration.k8s.io/v1",
      kind: "APIService",
      metadata: { name: `${version}.${group}` },
      spec: {
        group,
        version,
        groupPriorityMinimum: 100,
        versionPriority: 100,
        service: { namespace: service.namespace, name: service.name, port },
        caBundle: readFileSync(caCertFile).toString("base64"),
      },
    },
  ];
}
