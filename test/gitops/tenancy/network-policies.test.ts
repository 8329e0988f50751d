import { describe, expect, it } from "vitest";
import {
  allowDnsPolicy,
  defaultDenyPolicy,
  namespaceNetworkPolicies,
} from "../../../src/gitops/tenancy/network-policies.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";

const MANAGED = { "app.kubernetes.io/managed-by": "slipway" };

describe("namespace-wide policies", () => {
  it("GIVEN a namespace WHEN default-deny is built THEN it selects every pod for ingress and egress with no rule", () => {
    expect(defaultDenyPolicy("staging")).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "default-deny", namespace: "staging", labels: MANAGED },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
  });

  it("GIVEN a namespace WHEN allow-dns is built THEN every pod may reach kube-dns pods in kube-system on UDP and TCP 53, selected by kubernetes.io/metadata.name", () => {
    expect(allowDnsPolicy("staging").spec).toEqual({
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    });
  });
});

describe("application policies", () => {
  const spec = parseSpec({}, "test");
  const names = platformNames(spec);
  const policies = namespaceNetworkPolicies("production", [["api-server", spec.applications["api-server"]!]], spec.cluster.vpcCidr, names);
  const byName = new Map(policies.map((policy) => [policy.metadata.name, policy]));

  it("GIVEN the reference api-server WHEN production's policies are built THEN they are default-deny, DNS and three for the application, in that order", () => {
    expect(policies.map((policy) => policy.metadata.name)).toEqual([
      "default-deny",
      "allow-dns",
      "api-server-allow-http-from-load-balancer",
      "api-server-allow-metrics-from-prometheus",
      "api-server-allow-database-egress",
    ]);
  });

  it("GIVEN the ALB in IP target mode WHEN HTTP ingress is built THEN only the VPC CIDR reaches the container port 8080 of api-server pods", () => {
    expect(byName.get("api-server-allow-http-from-load-balancer")!.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "api-server" } },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 8080 }] }],
    });
  });

  it("GIVEN kube-prometheus-stack in monitoring WHEN metrics ingress is built THEN only Prometheus pods of the monitoring namespace reach port 9090", () => {
    expect(byName.get("api-server-allow-metrics-from-prometheus")!.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "api-server" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
              podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 9090 }],
        },
      ],
    });
  });

  it("GIVEN api-server has a DATABASE_URL WHEN egress is built THEN it may reach PostgreSQL (TCP 5432) inside the VPC only", () => {
    expect(byName.get("api-server-allow-database-egress")!.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "api-server" } },
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] }],
    });
  });

  it("GIVEN an application with other ports, no DATABASE_URL and another VPC CIDR WHEN its policies are built THEN ports and CIDR follow the spec and there is no database egress", () => {
    const custom = parseSpec(
      {
        cluster: { vpcCidr: "10.42.0.0/16" },
        applications: { "api-server": { namespace: "production" }, worker: { namespace: "staging", port: 3000, metricsPort: 3001, secrets: { API_TOKEN: "token" } } },
      },
      "test",
    );
    const staging = namespaceNetworkPolicies("staging", [["worker", custom.applications.worker!]], custom.cluster.vpcCidr, platformNames(custom));
    expect(staging.map((policy) => policy.metadata.name)).toEqual([
      "default-deny",
      "allow-dns",
      "worker-allow-http-from-load-balancer",
      "worker-allow-metrics-from-prometheus",
    ]);
    expect(staging[2]!.spec).toMatchObject({ ingress: [{ from: [{ ipBlock: { cidr: "10.42.0.0/16" } }], ports: [{ protocol: "TCP", port: 3000 }] }] });
    expect(staging[3]!.spec).toMatchObject({ ingress: [{ ports: [{ protocol: "TCP", port: 3001 }] }] });
  });
});
