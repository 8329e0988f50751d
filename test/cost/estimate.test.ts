import { describe, expect, it } from "vitest";
import { estimateCost } from "../../src/cost/estimate.js";
import type { CostComponentId, CostEstimate } from "../../src/cost/cost-estimate.js";
import { platformSpecSchema, type PlatformSpecInput } from "../../src/platform-spec/schema.js";
import type { SimulationResult, SimulationSample } from "../../src/simulate/simulation-result.js";
import { SlipwayError } from "../../src/errors.js";

const spec = (input: PlatformSpecInput = {}) => platformSpecSchema.parse(input);
const component = (estimate: CostEstimate, id: CostComponentId) => estimate.components.find((entry) => entry.id === id)!;
const cents = (value: number) => Math.round(value * 100) / 100;

// eu-west-1 list prices, written out here so a wrong table entry fails these tests.
const C6I_LARGE = 0.096;
const C6I_XLARGE = 0.192;
const M6I_LARGE = 0.107;
const SPOT = 0.7;
const HOURS = 730;

describe("estimateCost: the reference platform in eu-west-1, figures computed by hand", () => {
  const estimate = estimateCost(spec(), { asOf: "2026-11-30" });

  it.each([
    // component, monthly USD, how
    ["eks-control-plane", cents(HOURS * 0.1) + 1, "730 h × $0.10 standard support + $1 KMS key"],
    ["managed-node-groups", cents(2 * C6I_XLARGE * HOURS) + cents(2 * M6I_LARGE * HOURS), "application 2 × c6i.xlarge + system 2 × m6i.large, on-demand"],
    // 3 replicas dealt over 5 capacity domains (4 spot : 1 on-demand): one pod on each of three spot nodes, the cheapest fitting type c6i.large.
    ["karpenter-capacity", cents(3 * C6I_LARGE * SPOT * HOURS), "3 × c6i.large spot"],
    ["nat-gateways", cents(3 * 0.048 * HOURS) + cents(3 * 0.005 * HOURS) + cents(100 * 0.048), "3 gateways + 3 Elastic IPs + 100 GB processed"],
    ["load-balancers", cents(HOURS * (0.0252 + 0.008)), "the Argo CD UI's ALB with 1 LCU"],
    ["s3", cents(50 * 0.023) + cents(20 * 0.023) + cents(5 * 0.023), "Loki 50 GB + Tempo 20 GB + access logs 5 GB"],
    ["cloudwatch-logs", cents(10 * 0.6) + cents(2 * 0.6), "control-plane 10 GB + flow logs 2 GB at $0.57 ingested + $0.03 stored"],
    ["ecr", 0.1, "one repository (api-server), 1 GB"],
  ] as const)("GIVEN the reference spec WHEN estimated THEN %s costs %s USD a month (%s)", (id, monthly, _how) => {
    expect(component(estimate, id).monthlyUsd).toBeCloseTo(monthly, 2);
  });

  it("GIVEN the reference spec WHEN estimated THEN EBS prices every root volume and the add-ons' volumes at gp3 $0.088/GB-month", () => {
    const gp3 = 0.088;
    const expected = [
      ["application root volumes", cents(2 * 100 * gp3)],
      ["system root volumes", cents(2 * 50 * gp3)],
      ["Karpenter root volumes: 3 nodes", cents(3 * 100 * gp3)],
      ["Prometheus (kube-prometheus-stack): 2 × 100 GiB", cents(2 * 100 * gp3)],
      ["Alertmanager (kube-prometheus-stack): 1 × 10 GiB", cents(10 * gp3)],
      ["Grafana (kube-prometheus-stack): 1 × 10 GiB", cents(10 * gp3)],
      ["Loki write: 3 × 10 GiB", cents(30 * gp3)],
      ["Loki backend: 3 × 10 GiB", cents(30 * gp3)],
      ["Tempo: 1 × 10 GiB", cents(10 * gp3)],
    ] as const;
    const ebs = component(estimate, "ebs");
    for (const [start, monthly] of expected) {
      const line = ebs.lines.find((entry) => entry.description.startsWith(start));
      expect(line, start).toBeDefined();
      expect(line!.monthlyUsd, start).toBeCloseTo(monthly, 2);
    }
    expect(ebs.lines).toHaveLength(expected.length);
  });

  it("GIVEN the reference spec WHEN estimated THEN Karpenter's range reaches 50 replicas: 10 per domain on one c6i.xlarge each (4 spot, 1 on-demand)", () => {
    const karpenter = component(estimate, "karpenter-capacity");
    expect(karpenter.title).toContain("ESTIMATE");
    expect(karpenter.lines[0]!.description).toContain("`slipway simulate`");
    expect(karpenter.range).toEqual({ lowUsd: cents(3 * C6I_LARGE * SPOT * HOURS), highUsd: cents((4 * C6I_XLARGE * SPOT + C6I_XLARGE) * HOURS) });
    expect(estimate.basis).toBe("min/max replicas");
  });

  it("GIVEN the reference spec WHEN estimated THEN the total is the sum of the components and the range sums their ranges", () => {
    const sum = estimate.components.reduce((total, entry) => total + entry.monthlyUsd, 0);
    expect(estimate.totalMonthlyUsd).toBeCloseTo(sum, 2);
    expect(estimate.totalRange.lowUsd).toBeCloseTo(sum, 2);
    expect(estimate.totalRange.highUsd).toBeGreaterThan(estimate.totalRange.lowUsd);
  });

  it("GIVEN the reference spec WHEN estimated THEN both managed node groups show idle capacity with why: the taint, and the missing capacity-spread label", () => {
    const [application, system] = estimate.idle;
    expect(application!.what).toContain("node group application");
    expect(application!.why).toContain("slipway.io/capacity-spread");
    expect(system!.what).toContain("node group system");
    expect(system!.why).toContain("no application tolerates its taint CriticalAddonsOnly=true:NoSchedule");
    const groups = component(estimate, "managed-node-groups");
    expect(groups.lines.map((line) => line.idleMonthlyUsd)).toEqual([application!.monthlyUsd, system!.monthlyUsd]);
  });

  it("GIVEN the reference spec WHEN estimated THEN the price sources name their dates and the assumptions state the spot ratio and volumes", () => {
    expect(estimate.priceSources.map((source) => source.date)).toEqual(["2026-11-30", "2026-11-30", "2026-11-30"]);
    expect(estimate.assumptions.join("\n")).toContain("spot instances cost 70% of on-demand (SPOT_PRICE_RATIO");
    expect(estimate.assumptions.join("\n")).toContain("NAT gateways process 100 GB a month");
  });

  it("GIVEN the same spec twice WHEN estimated THEN the estimates are byte-identical", () => {
    expect(JSON.stringify(estimateCost(spec(), { asOf: "2026-11-30" }))).toBe(JSON.stringify(estimate));
  });
});

describe("estimateCost: the EKS control plane's support status", () => {
  it.each([
    // version, as of, USD per hour, status
    ["1.35", "2027-03-27", 0.1, "standard support until 2027-03-27"],
    ["1.35", "2027-03-28", 0.6, "EXTENDED support since 2027-03-27"],
    ["1.36", "2027-08-03", 0.6, "EXTENDED support since 2027-08-02"],
    ["1.36", "2027-03-28", 0.1, "standard support until 2027-08-02"],
  ] as const)("GIVEN Kubernetes %s WHEN judged on %s THEN the cluster costs $%s/h (%s)", (version, asOf, hourly, status) => {
    const estimate = estimateCost(spec({ cluster: { kubernetesVersion: version } }), { asOf });
    const line = component(estimate, "eks-control-plane").lines[0]!;
    expect(line.monthlyUsd).toBeCloseTo(HOURS * hourly, 2);
    expect(line.description).toContain(status);
  });
});

describe("estimateCost: NAT gateways", () => {
  it.each([
    ["one-per-az", 3, 3],
    ["one-per-az", 2, 2],
    ["single", 3, 1],
  ] as const)("GIVEN natGateways %s over %s zones WHEN estimated THEN %s gateways and Elastic IPs are priced", (natGateways, availabilityZones, count) => {
    const nat = component(estimateCost(spec({ cluster: { natGateways, availabilityZones } })), "nat-gateways");
    expect(nat.monthlyUsd).toBeCloseTo(cents(count * 0.048 * HOURS) + cents(count * 0.005 * HOURS) + 4.8, 2);
    expect(nat.lines[0]!.description).toContain(`${count} NAT gateway`);
  });
});

describe("estimateCost: capacity types and volume types", () => {
  it("GIVEN a SPOT managed node group WHEN estimated THEN its first instance type is priced at the spot ratio", () => {
    const estimate = estimateCost(spec({ nodeGroups: { batch: { instanceTypes: ["c6i.xlarge", "m6i.xlarge"], minSize: 3, maxSize: 6, capacityType: "SPOT" } } }));
    const line = component(estimate, "managed-node-groups").lines[0]!;
    expect(line.description).toContain("batch: 3 × c6i.xlarge spot");
    expect(line.monthlyUsd).toBeCloseTo(cents(3 * C6I_XLARGE * SPOT * HOURS), 2);
  });

  it("GIVEN io2 Karpenter root volumes WHEN estimated THEN each is priced per GB and for its assumed 3,000 IOPS", () => {
    const estimate = estimateCost(spec({ karpenter: { rootVolume: { sizeGiB: 100, type: "io2" } } }));
    const line = component(estimate, "ebs").lines.find((entry) => entry.description.startsWith("Karpenter root volumes"))!;
    expect(line.monthlyUsd).toBeCloseTo(cents(3 * (100 * 0.138 + 3000 * 0.072)), 2);
    expect(line.description).toContain("3000 IOPS (assumed)");
  });
});

describe("estimateCost: load balancers", () => {
  it("GIVEN two applications with hosts and the Argo CD UI WHEN estimated THEN the applications share one ALB (IngressGroup) and Argo CD has its own", () => {
    const estimate = estimateCost(
      spec({
        namespaces: { production: { team: "team-a" } },
        applications: { web: { namespace: "production", host: "web.example.com" }, api: { namespace: "production", host: "api.example.com" } },
      }),
    );
    const albs = component(estimate, "load-balancers");
    expect(albs.lines.map((line) => line.description.split(":")[0])).toEqual(["Argo CD UI (argocd-server Ingress)", "IngressGroup slipway-shared (2 Ingresses"]);
    expect(albs.monthlyUsd).toBeCloseTo(2 * cents(HOURS * 0.0332), 2);
  });
});

describe("estimateCost: idle capacity", () => {
  it("GIVEN a node group tainted dedicated=gpu:NoSchedule that only DaemonSets tolerate WHEN estimated THEN its idle share is what the DaemonSets leave, with the taint as the reason", () => {
    const estimate = estimateCost(
      spec({
        nodeGroups: {
          dedicated: { instanceTypes: ["m6i.large"], minSize: 1, maxSize: 2, taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] },
        },
      }),
    );
    // m6i.large allocatable CPU: 2000m − 70m kube-reserved = 1930m; the EKS DaemonSets (aws-node, kube-proxy, ebs-csi-node) request 155m.
    const monthly = cents(M6I_LARGE * HOURS);
    const idle = estimate.idle.find((entry) => entry.what.startsWith("node group dedicated"));
    expect(idle).toBeDefined();
    expect(idle!.monthlyUsd).toBeCloseTo(cents(monthly * (1 - 155 / 1930)), 2);
    expect(idle!.why).toContain("no application tolerates its taint dedicated=gpu:NoSchedule");
  });

  it("GIVEN Karpenter turned off WHEN estimated THEN applications fill the untainted node group, Karpenter costs nothing and only the tainted group's idle says no application tolerates it", () => {
    const estimate = estimateCost(spec({ addons: { karpenter: { enabled: false } } }));
    expect(component(estimate, "karpenter-capacity").monthlyUsd).toBe(0);
    const application = estimate.idle.find((entry) => entry.what.startsWith("node group application"))!;
    expect(application.why).toContain("at the applications' minimum replicas");
    expect(application.why).not.toContain("capacity-spread");
    expect(estimate.basis).toBe("min/max replicas (Karpenter off)");
  });

  it("GIVEN rendered add-on objects WHEN estimated THEN their pods' requests are placed and lower the idle capacity", () => {
    const without = estimateCost(spec());
    const controller = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "controller", namespace: "ops" },
      spec: {
        replicas: 2,
        template: {
          spec: {
            nodeSelector: { role: "system" },
            tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
            containers: [{ name: "c", resources: { requests: { cpu: "500m", memory: "512Mi" } } }],
          },
        },
      },
    };
    const withAddon = estimateCost(spec(), { addonObjects: [{ addon: "ops", objects: [controller] }] });
    const idle = (estimate: CostEstimate) => estimate.idle.find((entry) => entry.what.startsWith("node group system"))!.monthlyUsd;
    // Two more pods of 500m on the system group's 2 × 1930m allocatable CPUs.
    expect(idle(without) - idle(withAddon)).toBeCloseTo(cents(M6I_LARGE * 2 * HOURS) * (1000 / 3860), 1);
    expect(withAddon.assumptions.join("\n")).not.toContain("add-on charts were not rendered");
  });
});

describe("estimateCost: Karpenter from a simulation", () => {
  const sample = (t: number, nodes: SimulationSample["nodes"]): SimulationSample => ({
    t,
    requestsPerSecond: { "api-server": 100 },
    replicas: { "api-server": 3 },
    desiredReplicas: { "api-server": 3 },
    pendingPods: 0,
    nodes,
    dollarsPerHour: 0,
  });
  const systemNodes = { pool: "system", managedBy: "node-group", capacityType: "on-demand", instanceType: "m6i.large", count: 2 } as const;
  const simulation: SimulationResult = {
    schemaVersion: 1,
    platform: { name: "production-cluster", region: "eu-west-1" },
    load: { pattern: "spike" },
    speed: { factor: 20, scaled: [] },
    durationSeconds: 1200,
    wallSeconds: 60,
    prices: { source: "eu-west-1", spotRatio: 0.7 },
    samples: [
      sample(0, [systemNodes, { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.large", count: 2 }]),
      sample(600, [
        systemNodes,
        { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.large", count: 4 },
        { pool: "on-demand", managedBy: "karpenter", capacityType: "on-demand", instanceType: "c6i.xlarge", count: 1 },
      ]),
      sample(1200, [systemNodes, { pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "c6i.large", count: 2 }]),
    ],
  };

  it("GIVEN 600 s at 2 spot c6i.large then 600 s at 4 plus one on-demand c6i.xlarge WHEN estimated THEN Karpenter costs the time-weighted mean × 730 h, ranging over the samples", () => {
    const estimate = estimateCost(spec(), { simulation, simulationSource: "/runs/simulation.json" });
    const karpenter = component(estimate, "karpenter-capacity");
    const first = 2 * C6I_LARGE * SPOT;
    const second = 4 * C6I_LARGE * SPOT + C6I_XLARGE;
    // Mean nodes: c6i.large spot 3, c6i.xlarge on-demand 0.5.
    expect(karpenter.monthlyUsd).toBeCloseTo(cents(3 * C6I_LARGE * SPOT * HOURS) + cents(0.5 * C6I_XLARGE * HOURS), 2);
    expect(karpenter.monthlyUsd).toBeCloseTo(((first + second) / 2) * HOURS, 1);
    expect(karpenter.range).toEqual({ lowUsd: cents(first * HOURS), highUsd: cents(second * HOURS) });
    expect(karpenter.title).toBe("Karpenter capacity (simulated)");
    expect(estimate.basis).toBe("simulation /runs/simulation.json");
    // Karpenter root volumes at the mean node count (3.5), the range from the samples (2 to 5 nodes).
    const ebs = component(estimate, "ebs");
    expect(ebs.lines.find((line) => line.description.startsWith("Karpenter root volumes"))!.monthlyUsd).toBeCloseTo(cents(3.5 * 100 * 0.088), 2);
  });

  it("GIVEN a simulation of another region WHEN estimated THEN SIMULATION_INVALID names the file's platform.region and the spec's region", () => {
    const other = { ...simulation, platform: { name: "production-cluster", region: "us-east-1" } };
    expect(() => estimateCost(spec(), { simulation: other, simulationSource: "/runs/simulation.json" })).toThrow(
      expect.objectContaining({ code: "SIMULATION_INVALID", where: "/runs/simulation.json: platform.region", message: expect.stringContaining("us-east-1") as unknown }),
    );
  });

  it("GIVEN a simulated instance type with no price WHEN estimated THEN PRICE_UNKNOWN names the sample field", () => {
    const odd = { ...simulation, samples: [sample(0, [{ pool: "spot", managedBy: "karpenter", capacityType: "spot", instanceType: "x9z.huge", count: 1 }])] } as SimulationResult;
    expect(() => estimateCost(spec(), { simulation: odd, simulationSource: "sim.json" })).toThrow(expect.objectContaining({ code: "PRICE_UNKNOWN", where: "sim.json samples[0].nodes[0].instanceType" }));
  });
});

describe("estimateCost: regions", () => {
  it("GIVEN a region without price tables WHEN estimated THEN PRICE_UNKNOWN names aws.region and the regions known", () => {
    let error: unknown;
    try {
      estimateCost(spec({ aws: { region: "ap-south-1" } }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: "PRICE_UNKNOWN", where: "aws.region" });
    expect((error as SlipwayError).fix).toContain("eu-west-1, us-east-1");
  });

  it("GIVEN us-east-1 WHEN estimated THEN its own prices apply (NAT $0.045/h, ALB $0.0225/h)", () => {
    const estimate = estimateCost(spec({ aws: { region: "us-east-1" } }));
    expect(component(estimate, "nat-gateways").lines[0]!.monthlyUsd).toBeCloseTo(3 * 0.045 * HOURS, 2);
    expect(component(estimate, "load-balancers").monthlyUsd).toBeCloseTo(cents(HOURS * (0.0225 + 0.008)), 2);
    expect(component(estimate, "managed-node-groups").lines[0]!.monthlyUsd).toBeCloseTo(2 * 0.17 * HOURS, 2);
  });
});
