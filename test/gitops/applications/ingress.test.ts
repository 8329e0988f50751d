import { describe, expect, it } from "vitest";
import { applicationIngress } from "../../../src/gitops/applications/ingress.js";
import { parseSpec } from "../../../src/platform-spec/load.js";

describe("applicationIngress", () => {
  it("GIVEN an app with a host WHEN built THEN it is an internet-facing, IP-target, HTTPS rule of the shared ALB to the stable Service's weighted action", () => {
    const spec = parseSpec({ applications: { shop: { namespace: "production", host: "shop.example.com" } } }, "test");
    expect(applicationIngress("shop", spec.applications.shop!, "shop.example.com")).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: {
        name: "shop",
        namespace: "production",
        labels: { "app.kubernetes.io/name": "shop", "app.kubernetes.io/managed-by": "slipway" },
        annotations: {
          "alb.ingress.kubernetes.io/scheme": "internet-facing",
          "alb.ingress.kubernetes.io/target-type": "ip",
          "alb.ingress.kubernetes.io/group.name": "slipway-shared",
          "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
          "alb.ingress.kubernetes.io/ssl-redirect": "443",
          "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
          "alb.ingress.kubernetes.io/healthcheck-path": "/ready",
        },
      },
      spec: {
        ingressClassName: "alb",
        tls: [{ hosts: ["shop.example.com"] }],
        rules: [
          {
            host: "shop.example.com",
            http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop-stable", port: { name: "use-annotation" } } } }] },
          },
        ],
      },
    });
  });
});
