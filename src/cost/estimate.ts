/**
 * `estimateCost`: the monthly cost of a platform per component, from its spec, the region's
 * price tables and, when given, a simulation (`slipway simulate`) of Karpenter's real
 * choices. Pure: no I/O, no clock (the day support status is judged on is an option), so
 * the same inputs give the same estimate. docs/cost.md describes every component.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { platformNames } from "../platform-spec/names.js";
import { addonEnabled } from "../gitops/addons/catalog.js";
import { CAPACITY_SPREAD_LABEL } from "../gitops/conventions.js";
import { EC2_ON_DEMAND_PRICES, hourlyPrice, SPOT_PRICE_RATIO } from "../pricing/ec2-prices.js";
import { servicePrices, type ServicePrices } from "../pricing/aws-service-prices.js";
import type { SimulationResult } from "../simulate/simulation-result.js";
import { SlipwayError } from "../errors.js";
import { EKS_VERSION_SUPPORT } from "../versions.js";
import type { CostComponent, CostEstimate, CostLine } from "./cost-estimate.js";
import { ASSUMED, assumptionLines, HOURS_PER_MONTH } from "./cost-assumptions.js";
import { EKS_MANAGED_ADDON_PODS } from "./eks-managed-addon-pods.js";
import { estimateKarpenterNodes, type KarpenterEstimate } from "./karpenter-estimate.js";
import { loadBalancers } from "./load-balancers.js";
import { applicationBarrier, placeOnNodeGroups, type NodeGroupUsage } from "./node-group-placement.js";
import { persistentVolumes } from "./persistent-volumes.js";
import { podGroupsOf, quantityIn, type PodGroup } from "./pod-requests.js";
import { simulatedCapacity } from "./simulation-capacity.js";

export interface EstimateOptions {
  /** A simulation of this platform (`slipway simulate`): Karpenter's capacity is taken from it. */
  readonly simulation?: SimulationResult;
  /** Where the simulation was read from, for the basis and error messages. @default "simulation.json" */
  readonly simulationSource?: string;
  /**
   * The add-ons' rendered objects (`renderAddons`): their pods' requests are placed on the
   * nodes. @default none: only the EKS managed add-ons' pods are counted, and the estimate says so
   */
  readonly addonObjects?: readonly { readonly addon: string; readonly objects: readonly KubeObject[] }[];
  /** Day (YYYY-MM-DD) the Kubernetes version's support status is judged on. @default the price table's date */
  readonly asOf?: string;
}

const usd = (value: number) => Math.round(value * 100) / 100;
const money = (value: number) => `$${value.toFixed(2)}`;
/** A unit price with at least two decimals and every significant one (`$0.60`, `$0.0252`). */
const rate = (value: number) => `$${value.toFixed(Math.max(2, (String(value).split(".")[1] ?? "").length))}`;

export function estimateCost(spec: PlatformSpec, options: EstimateOptions = {}): CostEstimate {
  const region = spec.aws.region;
  const prices = servicePrices(region);
  if (EC2_ON_DEMAND_PRICES[region] === undefined) {
    throw new SlipwayError("PRICE_UNKNOWN", `no EC2 prices are known for region ${region}`, {
      where: "aws.region",
      fix: `use one of ${Object.keys(EC2_ON_DEMAND_PRICES).sort().join(", ")}, or add ${region}'s on-demand prices with their source to src/pricing/ec2-prices.ts`,
    });
  }
  const source = options.simulationSource ?? "simulation.json";
  if (options.simulation !== undefined && options.simulation.platform.region !== region) {
    throw new SlipwayError("SIMULATION_INVALID", `the simulation in ${source} is of region ${options.simulation.platform.region}, but the spec's aws.region is ${region}`, {
      where: `${source}: platform.region`,
      fix: `simulate this spec again (slipway simulate --config … --out DIR), or pass the spec that was simulated with --config`,
    });
  }
  const asOf = options.asOf ?? prices.date;
  const notes: string[] = [];
  if (options.simulation !== undefined && options.simulation.platform.name !== spec.cluster.name) {
    notes.push(`${source} simulated platform ${options.simulation.platform.name}, not this spec's cluster ${spec.cluster.name}`);
  }
  const assumptions = assumptionLines();

  const karpenterOn = addonEnabled(spec, "karpenter");
  const applicationPods = (pick: "minReplicas" | "maxReplicas"): PodGroup[] =>
    Object.entries(spec.applications)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, application]) => ({
        owner: `application ${name}`,
        replicas: application.autoscaling[pick],
        daemonSet: false,
        requests: { cpuMillicores: quantityIn(application.resources.requests.cpu, "millicores"), memoryMiB: quantityIn(application.resources.requests.memory, "MiB") },
        nodeSelector: {},
        tolerations: [],
        requiredLabelKeys: karpenterOn ? [CAPACITY_SPREAD_LABEL] : [],
      }));
  const addonPods = [...EKS_MANAGED_ADDON_PODS, ...(options.addonObjects ?? []).flatMap(({ addon, objects }) => podGroupsOf(objects, `add-on ${addon}`))];
  if (options.addonObjects !== undefined) {
    assumptions.push("pods the add-ons' operators create at run time (Prometheus and Alertmanager of kube-prometheus-stack) and Argo CD itself (installed by `slipway bootstrap`, not a chart Application) are not in the rendered charts and not counted");
  } else {
    notes.push("the add-on charts' pod requests are not counted (no rendered charts): managed node group idle capacity is an upper bound");
    assumptions.push("add-on charts were not rendered: only the EKS managed add-ons' pods are placed on nodes");
  }

  // Managed node groups hold add-ons, and applications too when Karpenter is off.
  const atMinimum = placeOnNodeGroups(region, spec.nodeGroups, [...addonPods, ...(karpenterOn ? [] : applicationPods("minReplicas"))]);
  const daemonSets = addonPods.filter((pod) => pod.daemonSet);

  const components: CostComponent[] = [];
  components.push(controlPlane(spec, prices, asOf));
  const nodeGroupComponent = managedNodeGroups(atMinimum.groups, applicationPods("minReplicas")[0]);
  components.push(nodeGroupComponent.component);

  let karpenterRootGiB = { mean: 0, low: 0, high: 0 };
  if (!karpenterOn) {
    components.push({ id: "karpenter-capacity", title: "Karpenter capacity", monthlyUsd: 0, lines: [{ description: "Karpenter is turned off (addons.karpenter.enabled: false): applications run on the managed node groups", monthlyUsd: 0 }] });
    if (options.simulation !== undefined) notes.push(`Karpenter is off in this spec: the Karpenter nodes in ${source} are not priced`);
    const atMaximum = placeOnNodeGroups(region, spec.nodeGroups, [...addonPods, ...applicationPods("maxReplicas")]);
    if (atMaximum.overflow.length > 0) notes.push(`at maximum replicas ${atMaximum.overflow.length} pods fit no managed node group and stay Pending (no node autoscaler without Karpenter)`);
  } else if (options.simulation !== undefined) {
    const simulated = simulatedCapacity(options.simulation, region, source);
    const lines: CostLine[] = simulated.meanNodesByType.map((entry) => ({
      description: `${Number(entry.meanNodes.toFixed(2))} × ${entry.instanceType} ${entry.capacityType} on average over the run × ${HOURS_PER_MONTH} h × ${rate(hourlyPrice(region, entry.instanceType, entry.capacityType, `${source}: samples[].nodes[].instanceType`))}/h`,
      monthlyUsd: usd(entry.meanNodes * hourlyPrice(region, entry.instanceType, entry.capacityType, `${source}: samples[].nodes[].instanceType`) * HOURS_PER_MONTH),
    }));
    lines.push({
      description: `time-weighted mean of Karpenter's nodes over ${simulated.seconds} simulated seconds (${source}, load ${options.simulation.load.pattern}, ×${options.simulation.speed.factor}): ${money(simulated.meanHourlyUsd)}/h; range from the cheapest (${money(simulated.minHourlyUsd)}/h) to the dearest (${money(simulated.maxHourlyUsd)}/h) sample`,
      monthlyUsd: 0,
    });
    components.push({
      id: "karpenter-capacity",
      title: "Karpenter capacity (simulated)",
      monthlyUsd: usd(lines.reduce((sum, line) => sum + line.monthlyUsd, 0)),
      range: { lowUsd: usd(simulated.minHourlyUsd * HOURS_PER_MONTH), highUsd: usd(simulated.maxHourlyUsd * HOURS_PER_MONTH) },
      lines,
    });
    karpenterRootGiB = { mean: simulated.meanNodes, low: simulated.meanNodes, high: simulated.maxNodes };
  } else {
    const low = estimateKarpenterNodes(spec, applicationPods("minReplicas"), atMinimum.overflow, daemonSets);
    const atMaximum = estimateKarpenterNodes(spec, applicationPods("maxReplicas"), atMinimum.overflow, daemonSets);
    notes.push(...low.notes.map((note) => `at minimum replicas: ${note}`), ...atMaximum.notes.map((note) => `at maximum replicas: ${note}`));
    const lines = [...karpenterLines("minimum", low), ...karpenterLines("maximum", atMaximum)];
    const lowUsd = usd(lines.reduce((sum, line) => sum + line.monthlyUsd, 0));
    const highUsd = usd(atMaximum.hourlyUsd * HOURS_PER_MONTH);
    components.push({
      id: "karpenter-capacity",
      title: "Karpenter capacity (ESTIMATE)",
      monthlyUsd: lowUsd,
      range: { lowUsd, highUsd },
      lines: [{ description: "an ESTIMATE at the applications' minimum and maximum replicas, not Karpenter's choice: `slipway simulate` runs the real Karpenter, then `slipway cost --load DIR`", monthlyUsd: 0 }, ...lines],
    });
    karpenterRootGiB = { mean: low.nodeCount, low: low.nodeCount, high: atMaximum.nodeCount };
  }

  const natCount = spec.cluster.natGateways === "single" ? 1 : spec.cluster.availabilityZones;
  components.push({
    id: "nat-gateways",
    title: "NAT gateways",
    monthlyUsd: 0,
    lines: [
      { description: `${natCount} NAT gateway${natCount > 1 ? "s" : ""} (cluster.natGateways: ${spec.cluster.natGateways}) × ${HOURS_PER_MONTH} h × ${rate(prices.natGatewayHour)}/h`, monthlyUsd: usd(natCount * HOURS_PER_MONTH * prices.natGatewayHour) },
      { description: `${natCount} Elastic IP${natCount > 1 ? "s" : ""} (public IPv4) × ${HOURS_PER_MONTH} h × ${rate(prices.publicIpv4Hour)}/h`, monthlyUsd: usd(natCount * HOURS_PER_MONTH * prices.publicIpv4Hour) },
      { description: `${ASSUMED.natProcessedGb} GB processed (assumed) × ${rate(prices.natGatewayPerGb)}/GB`, monthlyUsd: usd(ASSUMED.natProcessedGb * prices.natGatewayPerGb) },
    ],
  });

  const albs = loadBalancers(spec);
  components.push({
    id: "load-balancers",
    title: "Application Load Balancers",
    monthlyUsd: 0,
    lines:
      albs.length === 0
        ? [{ description: "no ALB: no Ingress and no self-managed Argo CD UI", monthlyUsd: 0 }]
        : albs.map((alb) => ({
            description: `${alb.description}: ${HOURS_PER_MONTH} h × (${rate(prices.albHour)}/h + ${ASSUMED.albLcuPerHour} LCU (assumed) × ${rate(prices.albLcuHour)}/LCU-h)`,
            monthlyUsd: usd(HOURS_PER_MONTH * (prices.albHour + ASSUMED.albLcuPerHour * prices.albLcuHour)),
          })),
  });

  components.push(ebs(spec, prices, nodeGroupComponent.groups, karpenterOn ? karpenterRootGiB : undefined));
  components.push(s3(spec, prices));
  components.push({
    id: "cloudwatch-logs",
    title: "CloudWatch Logs",
    monthlyUsd: 0,
    lines: [
      { description: `EKS control-plane logs (api, audit, authenticator, controllerManager, scheduler): ${ASSUMED.controlPlaneLogsGb} GB (assumed) × ${rate(prices.cloudWatchLogsIngestGb)}/GB ingested + ${rate(prices.cloudWatchLogsStorageGbMonth)}/GB-month stored`, monthlyUsd: usd(ASSUMED.controlPlaneLogsGb * (prices.cloudWatchLogsIngestGb + prices.cloudWatchLogsStorageGbMonth)) },
      { description: `VPC flow logs (rejected traffic): ${ASSUMED.flowLogsGb} GB (assumed) × ${rate(prices.cloudWatchLogsIngestGb)}/GB ingested + ${rate(prices.cloudWatchLogsStorageGbMonth)}/GB-month stored`, monthlyUsd: usd(ASSUMED.flowLogsGb * (prices.cloudWatchLogsIngestGb + prices.cloudWatchLogsStorageGbMonth)) },
    ],
  });
  const repositories = Object.values(platformNames(spec).ecrRepositories).map((repository) => repository.name).sort();
  components.push({
    id: "ecr",
    title: "ECR repositories",
    monthlyUsd: 0,
    lines:
      repositories.length === 0
        ? [{ description: "no application, no ECR repository", monthlyUsd: 0 }]
        : repositories.map((name) => ({ description: `${name}: ${ASSUMED.ecrGbPerRepository} GB (assumed) × ${rate(prices.ecrGbMonth)}/GB-month`, monthlyUsd: usd(ASSUMED.ecrGbPerRepository * prices.ecrGbMonth) })),
  });

  const finished = components.map(withTotal);
  const totalMonthlyUsd = usd(finished.reduce((sum, component) => sum + component.monthlyUsd, 0));
  const totalRange = {
    lowUsd: usd(finished.reduce((sum, component) => sum + (component.range?.lowUsd ?? component.monthlyUsd), 0)),
    highUsd: usd(finished.reduce((sum, component) => sum + (component.range?.highUsd ?? component.monthlyUsd), 0)),
  };
  assumptions.push(
    `spot instances cost ${SPOT_PRICE_RATIO * 100}% of on-demand (SPOT_PRICE_RATIO, an assumption: real spot prices vary by zone and hour)`,
    ...(options.simulation === undefined && karpenterOn
      ? ["Karpenter capacity is an ESTIMATE: application pods at their minimum and maximum replicas, dealt over the capacity split and packed onto the cheapest allowed instance types; `slipway simulate` gives Karpenter's real choices"]
      : []),
    "managed node groups run desiredSize (default minSize) nodes of their first instance type all month",
    "canary pods during a rollout and team applications (teams.*.applications) are not counted",
  );
  if (spec.argocd.mode === "eks-capability") assumptions.push("the EKS managed Argo CD capability is not priced");
  return {
    region,
    basis: options.simulation !== undefined ? `simulation ${source}` : karpenterOn ? "min/max replicas" : "min/max replicas (Karpenter off)",
    components: finished,
    totalMonthlyUsd,
    totalRange,
    idle: nodeGroupComponent.idle,
    priceSources: [
      { table: `EC2 ${region} (src/pricing/ec2-prices.ts)`, date: priceDate(EC2_ON_DEMAND_PRICES[region]!.source), source: EC2_ON_DEMAND_PRICES[region]!.source },
      { table: `AWS services ${region} (src/pricing/aws-service-prices.ts)`, date: prices.date, source: prices.source },
      { table: "EKS support dates (src/versions.ts EKS_VERSION_SUPPORT)", date: EKS_VERSION_SUPPORT.checked, source: EKS_VERSION_SUPPORT.source },
    ],
    assumptions: [...assumptions, ...notes.map((note) => `note: ${note}`)],
  };
}

/** The first ISO date (or date-time) a source names. */
function priceDate(source: string): string {
  return /[0-9]{4}-[0-9]{2}-[0-9]{2}/.exec(source)?.[0] ?? "unknown";
}

function withTotal(component: CostComponent): CostComponent {
  if (component.id === "karpenter-capacity") return component;
  return { ...component, monthlyUsd: usd(component.lines.reduce((sum, line) => sum + line.monthlyUsd, 0)) };
}

function controlPlane(spec: PlatformSpec, prices: ServicePrices, asOf: string): CostComponent {
  const version = spec.cluster.kubernetesVersion;
  const support = EKS_VERSION_SUPPORT.versions[version];
  if (support === undefined) {
    throw new SlipwayError("PRICE_UNKNOWN", `no EKS support dates are known for Kubernetes ${version}`, {
      where: "cluster.kubernetesVersion",
      fix: "add the version's standard and extended support end dates to EKS_VERSION_SUPPORT in src/versions.ts",
    });
  }
  const extended = asOf > support.standardSupportEnds;
  const hourly = extended ? prices.eksClusterHour.extended : prices.eksClusterHour.standard;
  const status = extended
    ? `in EXTENDED support since ${support.standardSupportEnds}${asOf > support.extendedSupportEnds ? ` (ended ${support.extendedSupportEnds}: EKS upgrades the cluster)` : ` until ${support.extendedSupportEnds}`}`
    : `in standard support until ${support.standardSupportEnds}, then ${rate(prices.eksClusterHour.extended)}/h in extended support (+${money((prices.eksClusterHour.extended - prices.eksClusterHour.standard) * HOURS_PER_MONTH)}/month)`;
  return {
    id: "eks-control-plane",
    title: "EKS control plane",
    monthlyUsd: 0,
    lines: [
      { description: `Kubernetes ${version} ${status}, as of ${asOf}: ${HOURS_PER_MONTH} h × ${rate(hourly)}/h`, monthlyUsd: usd(HOURS_PER_MONTH * hourly) },
      { description: `KMS key for Secrets envelope encryption: ${rate(prices.kmsKeyMonth)}/month`, monthlyUsd: usd(prices.kmsKeyMonth) },
    ],
  };
}

function managedNodeGroups(groups: readonly NodeGroupUsage[], application: PodGroup | undefined): { component: CostComponent; groups: readonly NodeGroupUsage[]; idle: CostEstimate["idle"] } {
  const idle: { what: string; monthlyUsd: number; why: string }[] = [];
  const lines: CostLine[] = groups.map((group) => {
    const monthly = usd(group.nodes * group.shape.hourlyUsd * HOURS_PER_MONTH);
    const idleMonthly = usd(monthly * group.idleShare);
    if (idleMonthly > 0) {
      const barrier = application === undefined ? "there is no application" : applicationBarrier(group, application);
      const used = `pods placed here request ${(group.requested.cpuMillicores / 1000).toFixed(2)} of ${(group.allocatable.cpuMillicores / 1000).toFixed(2)} allocatable CPUs and ${(group.requested.memoryMiB / 1024).toFixed(2)} of ${(group.allocatable.memoryMiB / 1024).toFixed(2)} GiB`;
      idle.push({ what: `node group ${group.name} (${Math.round(group.idleShare * 100)}% of ${group.nodes} × ${group.shape.instanceType})`, monthlyUsd: idleMonthly, why: barrier === undefined ? `${used}, at the applications' minimum replicas` : `${barrier}; ${used}` });
    }
    return {
      description: `${group.name}: ${group.nodes} × ${group.shape.instanceType} ${group.shape.capacityType} × ${HOURS_PER_MONTH} h × ${rate(group.shape.hourlyUsd)}/h`,
      monthlyUsd: monthly,
      ...(idleMonthly > 0 ? { idleMonthlyUsd: idleMonthly } : {}),
    };
  });
  return { component: { id: "managed-node-groups", title: "Managed node groups", monthlyUsd: 0, lines: lines.length > 0 ? lines : [{ description: "no managed node group", monthlyUsd: 0 }] }, groups, idle };
}

function karpenterLines(at: "minimum" | "maximum", estimate: KarpenterEstimate): CostLine[] {
  if (estimate.nodes.length === 0) return [{ description: `at ${at} replicas: no Karpenter node`, monthlyUsd: 0 }];
  // One line per NodePool and instance type, naming the capacity domains its nodes carry.
  const merged = new Map<string, { pool: string; instanceType: string; capacityType: string; count: number; hourlyUsd: number; domains: string[] }>();
  for (const nodes of estimate.nodes) {
    const key = `${nodes.pool} ${nodes.instanceType}`;
    const entry = merged.get(key) ?? { pool: nodes.pool, instanceType: nodes.instanceType, capacityType: nodes.capacityType, count: 0, hourlyUsd: 0, domains: [] };
    entry.count += nodes.count;
    entry.hourlyUsd += nodes.hourlyUsd;
    if (!entry.domains.includes(nodes.domain)) entry.domains.push(nodes.domain);
    merged.set(key, entry);
  }
  // The maximum's lines describe the range's high end; the component's figure is the minimum.
  return [...merged.values()].map((entry) => ({
    description: `at ${at} replicas: ${entry.count} × ${entry.instanceType} ${entry.capacityType} (NodePool ${entry.pool}, capacity domain${entry.domains.length > 1 ? "s" : ""} ${entry.domains.join(", ")}) × ${HOURS_PER_MONTH} h${at === "maximum" ? ` = ${money(entry.hourlyUsd * HOURS_PER_MONTH)} (range high end, not in the total)` : ""}`,
    monthlyUsd: at === "minimum" ? usd(entry.hourlyUsd * HOURS_PER_MONTH) : 0,
  }));
}

function ebs(spec: PlatformSpec, prices: ServicePrices, groups: readonly NodeGroupUsage[], karpenterNodes: { mean: number; low: number; high: number } | undefined): CostComponent {
  const gp3 = prices.ebsGbMonth.gp3;
  const lines: CostLine[] = [];
  for (const group of groups) {
    const disk = spec.nodeGroups[group.name]!.diskSizeGiB;
    if (group.nodes > 0) lines.push({ description: `${group.name} root volumes: ${group.nodes} × ${disk} GiB gp3 × ${rate(gp3)}/GB-month`, monthlyUsd: usd(group.nodes * disk * gp3) });
  }
  let range: { lowUsd: number; highUsd: number } | undefined;
  if (karpenterNodes !== undefined) {
    const volume = spec.karpenter.rootVolume;
    const perNode = volume.sizeGiB * prices.ebsGbMonth[volume.type] + (volume.type === "io2" ? ASSUMED.io2Iops * prices.io2IopsMonth : 0);
    const iops = volume.type === "io2" ? ` + ${ASSUMED.io2Iops} IOPS (assumed) × ${rate(prices.io2IopsMonth)}/IOPS-month` : "";
    lines.push({ description: `Karpenter root volumes: ${Number(karpenterNodes.mean.toFixed(2))} node${karpenterNodes.mean === 1 ? "" : "s"} × ${volume.sizeGiB} GiB ${volume.type} × ${rate(prices.ebsGbMonth[volume.type])}/GB-month${iops}`, monthlyUsd: usd(karpenterNodes.mean * perNode) });
    range = { lowUsd: usd(karpenterNodes.low * perNode), highUsd: usd(karpenterNodes.high * perNode) };
  }
  for (const volume of persistentVolumes(spec)) {
    lines.push({ description: `${volume.what}: ${volume.count} × ${Number(volume.sizeGiB.toFixed(2))} GiB gp3 × ${rate(gp3)}/GB-month`, monthlyUsd: usd(volume.count * volume.sizeGiB * gp3) });
  }
  const fixed = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  const karpenterLine = karpenterNodes === undefined ? 0 : (lines.find((line) => line.description.startsWith("Karpenter root volumes"))?.monthlyUsd ?? 0);
  return {
    id: "ebs",
    title: "EBS volumes",
    monthlyUsd: 0,
    ...(range !== undefined ? { range: { lowUsd: usd(fixed - karpenterLine + range.lowUsd), highUsd: usd(fixed - karpenterLine + range.highUsd) } } : {}),
    lines,
  };
}

function s3(spec: PlatformSpec, prices: ServicePrices): CostComponent {
  const names = platformNames(spec);
  const bucket = (name: string, what: string, gb: number): CostLine => ({ description: `${name} (${what}): ${gb} GB (assumed) × ${rate(prices.s3StandardGbMonth)}/GB-month`, monthlyUsd: usd(gb * prices.s3StandardGbMonth) });
  return {
    id: "s3",
    title: "S3 buckets",
    monthlyUsd: 0,
    lines: [
      bucket(names.buckets.loki, "Loki chunks and index", ASSUMED.s3Gb.loki),
      bucket(names.buckets.tempo, "Tempo traces", ASSUMED.s3Gb.tempo),
      bucket("access-logs bucket", "server access logs of the two", ASSUMED.s3Gb.accessLogs),
    ],
  };
}
