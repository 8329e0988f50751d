import { describe, expect, it } from "vitest";
import { serviceMonitor } from "../../../src/gitops/applications/service-monitor.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("serviceMonitor", () => {
  it("GIVEN the reference api-server WHEN built THEN Prometheus scrapes the root Service's metrics port and keeps the Rollouts pod-template hash", () => {
    const spec = parseSpec({}, "test");
    expect(serviceMonitor("api-server", spec.applications["api-server"]!)).toEqual({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: {
        name: "api-server",
        namespace: "production",
        labels: { "app.kubernetes.io/name": "api-server", "app.kubernetes.io/managed-by": "slipway", release: "kube-prometheus-stack" },
      },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/name": "api-server", "slipway.io/service-role": "root" } },
        podTargetLabels: ["rollouts-pod-template-hash"],
        endpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }],
      },
    });
  });
});
