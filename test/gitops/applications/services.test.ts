import { describe, expect, it } from "vitest";
import { applicationServices } from "../../../src/gitops/applications/services.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("applicationServices", () => {
  it("GIVEN the reference api-server WHEN built THEN root (http + metrics), stable and canary Services all select its pods by name", () => {
    const spec = parseSpec({}, "test");
    const labels = (role: string) => ({ "app.kubernetes.io/name": "api-server", "app.kubernetes.io/managed-by": "slipway", "slipway.io/service-role": role });
    const http = { name: "http", port: 80, targetPort: "http", protocol: "TCP" };
    const selector = { "app.kubernetes.io/name": "api-server" };
    expect(applicationServices("api-server", spec.applications["api-server"]!)).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "api-server", namespace: "production", labels: labels("root") },
        spec: { type: "ClusterIP", selector, ports: [http, { name: "metrics", port: 9090, targetPort: "metrics", protocol: "TCP" }] },
      },
      { apiVersion: "v1", kind: "Service", metadata: { name: "api-server-stable", namespace: "production", labels: labels("stable") }, spec: { type: "ClusterIP", selector, ports: [http] } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "api-server-canary", namespace: "production", labels: labels("canary") }, spec: { type: "ClusterIP", selector, ports: [http] } },
    ]);
  });
});
