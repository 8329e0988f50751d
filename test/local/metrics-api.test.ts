import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGGREGATED_SERVICE_NAMES, customMetricsApiObjects, metricsApiObjects } from "../../src/local/metrics-api.js";

const ca = join(mkdtempSync(join(tmpdir(), "slipway-metrics-api-")), "ca.crt");
writeFileSync(ca, "CA");

describe("aggregated API registrations", () => {
  it.each([
    ["metrics-server", metricsApiObjects, "slipway-local-metrics-server", "v1beta1.metrics.k8s.io", "metrics.k8s.io"],
    ["prometheus-adapter", customMetricsApiObjects, "slipway-local-prometheus-adapter", "v1beta1.custom.metrics.k8s.io", "custom.metrics.k8s.io"],
  ])("GIVEN %s's port WHEN registered THEN an ExternalName Service to localhost and the APIService trusting the local CA", (_, objects, service, apiService, group) => {
    const [serviceObject, registration] = objects(4443, ca);
    expect(serviceObject).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: service, namespace: "kube-system" },
      spec: { type: "ExternalName", externalName: "localhost", ports: [{ name: "https", port: 4443, protocol: "TCP" }] },
    });
    expect(registration).toEqual({
      apiVersion: "apiregistration.k8s.io/v1",
      kind: "APIService",
      metadata: { name: apiService },
      spec: { group, version: "v1beta1", groupPriorityMinimum: 100, versionPriority: 100, service: { namespace: "kube-system", name: service, port: 4443 }, caBundle: Buffer.from("CA").toString("base64") },
    });
    // The aggregator checks the serving certificate against the Service's DNS name: the PKI must name it.
    expect(AGGREGATED_SERVICE_NAMES).toContain(`${service}.kube-system.svc`);
  });
});
