/**
 * What the report's architecture diagram shows, read from the spec and from the Argo CD
 * Applications the platform's generators write (so add-on versions and namespaces are the
 * ones a user deploys, overrides included). Pure data, sorted: the diagram only lays it out.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";
import { platformNames } from "../platform-spec/names.js";
import { EKS_ADDONS } from "../versions.js";
import { availabilityZoneNames } from "../cdk/availability-zones.js";
import { addonEnabled } from "../gitops/addons/catalog.js";
import { capacityPools } from "../gitops/platform/karpenter/node-pools.js";
import { ARGOCD_NAMESPACE } from "../gitops/argocd/application.js";
import { platformChartApplications } from "../charts/chart-applications.js";

export interface Architecture {
  readonly clusterName: string;
  readonly region: string;
  readonly account: string;
  readonly kubernetesVersion: string;
  readonly vpc: {
    readonly cidr: string;
    readonly zones: readonly string[];
    readonly natGateways: "one-per-az" | "single";
  };
  readonly publicAccessCidrs: readonly string[];
  /** EKS managed add-ons with the versions pinned for the cluster's Kubernetes version. */
  readonly managedAddons: readonly { readonly name: string; readonly version: string }[];
  readonly nodeGroups: readonly {
    readonly name: string;
    readonly instanceTypes: readonly string[];
    readonly minSize: number;
    readonly maxSize: number;
    readonly capacityType: string;
    readonly taints: readonly string[];
  }[];
  /** Karpenter NodePools; empty when Karpenter is off. */
  readonly nodePools: readonly {
    readonly name: string;
    readonly capacityType: string;
    readonly share: string;
    /** Instance families, then sizes and architectures. */
    readonly instances: readonly string[];
  }[];
  /** Chart add-ons grouped by the namespace they install into, namespaces sorted. */
  readonly addonNamespaces: readonly { readonly namespace: string; readonly addons: readonly { readonly name: string; readonly chart: string; readonly version: string }[] }[];
  readonly argocd: { readonly mode: "self-managed" | "eks-capability"; readonly namespace: string };
  /** Hosts the shared internet-facing ALB serves, and what each one reaches. */
  readonly ingressHosts: readonly { readonly host: string; readonly target: string }[];
  /** Teams with their namespaces and what runs there; namespaces without a team come last under `team: undefined`. */
  readonly tenancy: readonly TenancyTeam[];
}

export interface TenancyTeam {
  /** undefined: namespaces no team owns. */
  readonly team: string | undefined;
  readonly namespaces: readonly {
    readonly name: string;
    readonly podSecurity: string;
    /** Applications of the spec (Rollouts) and the team's extra Argo CD Applications deployed there. */
    readonly applications: readonly { readonly name: string; readonly kind: "rollout" | "team-application"; readonly host?: string }[];
  }[];
}

const byName = <T extends { readonly name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sorted = (values: Iterable<string>) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function architectureOf(spec: PlatformSpec): Architecture {
  const names = platformNames(spec);
  const karpenterOn = addonEnabled(spec, "karpenter");
  const pools = karpenterOn ? capacityPools(spec) : [];
  const totalShares = pools.reduce((sum, pool) => sum + pool.share, 0);
  const addons = EKS_ADDONS.versions[spec.cluster.kubernetesVersion];

  const addonsByNamespace = new Map<string, { name: string; chart: string; version: string }[]>();
  for (const application of platformChartApplications(spec)) {
    const list = addonsByNamespace.get(application.namespace) ?? [];
    list.push({ name: application.name, chart: application.coordinates.chart, version: application.coordinates.version });
    addonsByNamespace.set(application.namespace, list);
  }

  const ingressHosts: { host: string; target: string }[] = [];
  if (spec.argocd.mode === "self-managed") ingressHosts.push({ host: names.argocdHost, target: "Argo CD UI" });
  if (spec.monitoring.grafana.host !== undefined && addonEnabled(spec, "kube-prometheus-stack")) ingressHosts.push({ host: spec.monitoring.grafana.host, target: "Grafana" });
  for (const [name, application] of Object.entries(spec.applications)) {
    if (application.host !== undefined) ingressHosts.push({ host: application.host, target: `${application.namespace}/${name}` });
  }

  return {
    clusterName: spec.cluster.name,
    region: spec.aws.region,
    account: spec.aws.account,
    kubernetesVersion: spec.cluster.kubernetesVersion,
    vpc: { cidr: spec.cluster.vpcCidr, zones: availabilityZoneNames(spec.aws.region, spec.cluster.availabilityZones), natGateways: spec.cluster.natGateways },
    publicAccessCidrs: spec.cluster.publicAccessCidrs,
    managedAddons: [
      { name: "coredns", version: addons.coredns },
      { name: "kube-proxy", version: addons.kubeProxy },
      { name: "vpc-cni", version: addons.vpcCni },
      { name: "aws-ebs-csi-driver", version: addons.ebsCsiDriver },
      { name: "eks-pod-identity-agent", version: addons.podIdentityAgent },
    ],
    nodeGroups: Object.entries(spec.nodeGroups)
      .map(([name, group]) => ({
        name,
        instanceTypes: group.instanceTypes,
        minSize: group.minSize,
        maxSize: group.maxSize,
        capacityType: group.capacityType,
        taints: group.taints.map((taint) => `${taint.key}${taint.value === "" ? "" : `=${taint.value}`}:${taint.effect}`),
      }))
      .sort(byName),
    nodePools: pools.map((pool) => ({
      name: pool.name,
      capacityType: pool.capacityType,
      share: `${pool.share}/${totalShares} of capacity`,
      instances: [`families ${spec.karpenter.instanceFamilies.join(", ")}`, `sizes ${spec.karpenter.instanceSizes.join(", ")} · ${spec.karpenter.architectures.join(", ")}`],
    })),
    addonNamespaces: sorted(addonsByNamespace.keys()).map((namespace) => ({ namespace, addons: addonsByNamespace.get(namespace)!.sort(byName) })),
    argocd: { mode: spec.argocd.mode, namespace: ARGOCD_NAMESPACE },
    ingressHosts: ingressHosts.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0)),
    tenancy: tenancyOf(spec),
  };
}

function tenancyOf(spec: PlatformSpec): TenancyTeam[] {
  const applicationsIn = (namespace: string) => [
    ...Object.entries(spec.applications)
      .filter(([, application]) => application.namespace === namespace)
      .map(([name, application]) => ({ name, kind: "rollout" as const, ...(application.host !== undefined ? { host: application.host } : {}) })),
    ...Object.values(spec.teams).flatMap((team) =>
      Object.entries(team.applications)
        .filter(([, application]) => application.namespace === namespace)
        .map(([name]) => ({ name, kind: "team-application" as const })),
    ),
  ].sort(byName);
  const namespacesOf = (team: string | undefined) =>
    sorted(Object.entries(spec.namespaces).filter(([, namespace]) => namespace.team === team).map(([name]) => name)).map((name) => ({
      name,
      podSecurity: spec.namespaces[name]!.podSecurity,
      applications: applicationsIn(name),
    }));
  const teams: TenancyTeam[] = sorted(Object.keys(spec.teams)).map((team) => ({ team, namespaces: namespacesOf(team) }));
  const unowned = namespacesOf(undefined);
  if (unowned.length > 0) teams.push({ team: undefined, namespaces: unowned });
  return teams;
}
