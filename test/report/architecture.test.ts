import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { architectureOf } from "../../src/report/architecture.js";
import { CHARTS, EKS_ADDONS } from "../../src/versions.js";
import { CAPABILITY_SPEC } from "../support/argocd-capability-spec.js";

describe("architectureOf", () => {
  it("GIVEN the reference platform WHEN read THEN it has the VPC's zones, both node groups, both NodePools, the add-ons by namespace and team-a's namespaces", () => {
    const architecture = architectureOf(parseSpec({}, "reference"));
    expect(architecture.vpc).toEqual({ cidr: "10.0.0.0/16", zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], natGateways: "one-per-az" });
    expect(architecture.nodeGroups.map((group) => group.name)).toEqual(["application", "system"]);
    expect(architecture.nodeGroups[1]!.taints).toEqual(["CriticalAddonsOnly=true:NoSchedule"]);
    expect(architecture.nodePools.map((pool) => [pool.name, pool.share])).toEqual([
      ["spot", "4/5 of capacity"],
      ["on-demand", "1/5 of capacity"],
    ]);
    expect(architecture.managedAddons).toContainEqual({ name: "coredns", version: EKS_ADDONS.versions["1.35"].coredns });
    const kubeSystem = architecture.addonNamespaces.find((namespace) => namespace.namespace === "kube-system");
    expect(kubeSystem?.addons).toContainEqual({ name: "karpenter", chart: "karpenter", version: CHARTS.karpenter.version });
    expect(architecture.addonNamespaces.map((namespace) => namespace.namespace)).toEqual([...architecture.addonNamespaces.map((namespace) => namespace.namespace)].sort());
    expect(architecture.ingressHosts).toEqual([{ host: "argocd.example.com", target: "Argo CD UI" }]);
    expect(architecture.tenancy).toEqual([
      {
        team: "team-a",
        namespaces: [
          { name: "development", podSecurity: "restricted", applications: [] },
          { name: "production", podSecurity: "restricted", applications: [{ name: "api-server", kind: "rollout" }] },
          { name: "staging", podSecurity: "restricted", applications: [] },
        ],
      },
    ]);
  });

  it("GIVEN a spec with a single NAT, Karpenter off, hosts, a team Application, an overridden add-on and a namespace of no team WHEN read THEN each shows", () => {
    const spec = parseSpec(
      {
        cluster: { natGateways: "single", availabilityZones: 2 },
        karpenter: { enabled: false },
        monitoring: { grafana: { host: "grafana.example.com" } },
        teams: { payments: { applications: { "ledger-extras": { path: "teams/payments", namespace: "payments" } } } },
        namespaces: { payments: { team: "payments", podSecurity: "baseline" }, sandbox: {} },
        applications: { ledger: { namespace: "payments", host: "ledger.example.com" } },
        addons: { "cert-manager": { version: "v1.19.2" } },
      },
      "custom",
    );
    const architecture = architectureOf(spec);
    expect(architecture.vpc.natGateways).toBe("single");
    expect(architecture.vpc.zones).toHaveLength(2);
    expect(architecture.nodePools).toEqual([]);
    expect(architecture.addonNamespaces.flatMap((namespace) => namespace.addons.map((addon) => addon.name))).not.toContain("karpenter");
    expect(architecture.addonNamespaces.flatMap((namespace) => namespace.addons)).toContainEqual({ name: "cert-manager", chart: "cert-manager", version: "v1.19.2" });
    expect(architecture.ingressHosts).toEqual([
      { host: "argocd.example.com", target: "Argo CD UI" },
      { host: "grafana.example.com", target: "Grafana" },
      { host: "ledger.example.com", target: "payments/ledger" },
    ]);
    expect(architecture.tenancy).toEqual([
      {
        team: "payments",
        namespaces: [
          {
            name: "payments",
            podSecurity: "baseline",
            applications: [
              { name: "ledger", kind: "rollout", host: "ledger.example.com" },
              { name: "ledger-extras", kind: "team-application" },
            ],
          },
        ],
      },
      { team: undefined, namespaces: [{ name: "sandbox", podSecurity: "restricted", applications: [] }] },
    ]);
  });

  it("GIVEN Argo CD as the EKS capability WHEN read THEN Argo CD's UI is not an ALB host", () => {
    const architecture = architectureOf(parseSpec(CAPABILITY_SPEC, "capability"));
    expect(architecture.argocd.mode).toBe("eks-capability");
    expect(architecture.ingressHosts.map((ingress) => ingress.target)).not.toContain("Argo CD UI");
  });
});
