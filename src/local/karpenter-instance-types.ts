/**
 * The instance-types file of the local Karpenter (its kwok cloud provider reads it from
 * `--instance-types-file-path`): every instance type the spec's NodePools allow (the
 * spec's instance families × sizes, of an allowed architecture), each with its real vCPU,
 * memory and VPC CNI pod limit (instance-types.ts), and one offering per zone of the
 * spec's region and capacity type, priced from src/pricing/ec2-prices.ts.
 *
 * kwok copies every single-valued requirement of the chosen offering onto the node it
 * creates, and Karpenter matches NodePool requirements against them, so each offering
 * carries the labels the EKS provider puts on its nodes (`karpenter.k8s.aws/instance-*`)
 * besides zone and capacity type: the platform's NodePools, unchanged but for their
 * nodeClassRef, filter instance types exactly as they do on EKS.
 *
 * A family × size whose capacity or price Slipway does not know is left out, with a note
 * `up` prints, rather than failing `up` for a spec EKS would run; a region without a price
 * table is priced with us-east-1's (the local Karpenter only weighs prices against each
 * other), also with a note. Neither is silent.
 *
 * The shape is kwok's `InstanceTypeOptions` (sigs.k8s.io/karpenter kwok/cloudprovider/helpers.go):
 * the offering fields are Go's exported names (`Price`, `Available`, `Requirements`).
 */
import { availabilityZoneNames } from "../cdk/availability-zones.js";
import { EC2_ON_DEMAND_PRICES, hourlyPrice, type CapacityType } from "../pricing/ec2-prices.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { instanceTypeExists } from "../platform-spec/ec2-instance-types.js";
import { INSTANCE_TYPES } from "./instance-types.js";

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: "In";
  readonly values: readonly string[];
}

export interface KwokOffering {
  readonly Price: number;
  readonly Available: boolean;
  readonly Requirements: readonly NodeSelectorRequirement[];
}

export interface KwokInstanceType {
  readonly name: string;
  readonly offerings: readonly KwokOffering[];
  readonly architecture: string;
  readonly operatingSystems: readonly string[];
  readonly resources: Readonly<Record<string, string>>;
}

const CAPACITY_TYPES: readonly CapacityType[] = ["on-demand", "spot"];

/** The instance types the local Karpenter offers, and what was left out or assumed, each as a line `up` prints. */
export interface LocalInstanceTypes {
  readonly types: KwokInstanceType[];
  readonly notes: string[];
}

/** The spec's instance types as the local Karpenter offers them (see the file header). */
export function karpenterInstanceTypes(spec: PlatformSpec): KwokInstanceType[] {
  return localInstanceTypes(spec).types;
}

export function localInstanceTypes(spec: PlatformSpec): LocalInstanceTypes {
  const { instanceFamilies, instanceSizes, architectures } = spec.karpenter;
  const zones = availabilityZoneNames(spec.aws.region, spec.cluster.availabilityZones);
  const notes: string[] = [];
  const priceRegion = EC2_ON_DEMAND_PRICES[spec.aws.region] !== undefined ? spec.aws.region : "us-east-1";
  if (priceRegion !== spec.aws.region) {
    notes.push(`src/pricing/ec2-prices.ts has no prices for ${spec.aws.region}: the local Karpenter weighs offerings with us-east-1's (add ${spec.aws.region}'s with their source for real figures)`);
  }
  const unknown: string[] = [];
  const types: KwokInstanceType[] = [];
  // A family or size listed twice is one instance type: kwok would otherwise offer it twice.
  for (const family of new Set(instanceFamilies)) {
    for (const size of new Set(instanceSizes)) {
      const name = `${family}.${size}`;
      // EC2 has no such type (t3.4xlarge): nothing to leave out, the NodePools could never match it.
      if (!instanceTypeExists(name)) continue;
      const type = INSTANCE_TYPES[name];
      if (type === undefined || EC2_ON_DEMAND_PRICES[priceRegion]!.onDemand[name] === undefined) {
        unknown.push(name);
        continue;
      }
      // A type of an architecture the NodePools exclude could never be chosen: leave it out.
      if (!architectures.includes(type.architecture)) continue;
      const labels: [string, string][] = [
        ["karpenter.k8s.aws/instance-category", family.replace(/[0-9].*$/, "")],
        ["karpenter.k8s.aws/instance-cpu", String(type.vcpu)],
        ["karpenter.k8s.aws/instance-family", family],
        ["karpenter.k8s.aws/instance-generation", /[0-9]+/.exec(family)?.[0] ?? ""],
        ["karpenter.k8s.aws/instance-hypervisor", "nitro"],
        ["karpenter.k8s.aws/instance-memory", String(type.memoryGiB * 1024)],
        ["karpenter.k8s.aws/instance-size", size],
      ];
      const offerings: KwokOffering[] = [];
      for (const capacityType of CAPACITY_TYPES) {
        const price = hourlyPrice(priceRegion, name, capacityType, "karpenter.instanceFamilies");
        for (const zone of zones) {
          offerings.push({
            Price: price,
            Available: true,
            Requirements: [
              { key: "karpenter.sh/capacity-type", operator: "In", values: [capacityType] },
              { key: "topology.kubernetes.io/zone", operator: "In", values: [zone] },
              ...labels.filter(([, value]) => value !== "").map(([key, value]) => ({ key, operator: "In" as const, values: [value] })),
            ],
          });
        }
      }
      types.push({
        name,
        offerings,
        architecture: type.architecture,
        operatingSystems: ["linux"],
        resources: {
          cpu: String(type.vcpu),
          memory: `${type.memoryGiB}Gi`,
          pods: String(type.maxPods),
          "ephemeral-storage": `${spec.karpenter.rootVolume.sizeGiB}Gi`,
        },
      });
    }
  }
  if (unknown.length > 0) {
    notes.push(
      `the local Karpenter leaves out ${unknown.sort().join(", ")}: their capacity (src/local/instance-types.ts) or ${priceRegion} price (src/pricing/ec2-prices.ts) is not known; add them there with their source`,
    );
  }
  if (types.length === 0) notes.push("the local Karpenter has no instance type to launch: pods that need its capacity stay Pending");
  return { types: types.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), notes };
}

/** The file's text: deterministic, so the same spec gives the same file. */
export function renderInstanceTypesFile(spec: PlatformSpec): string {
  return renderInstanceTypes(karpenterInstanceTypes(spec));
}

export function renderInstanceTypes(types: readonly KwokInstanceType[]): string {
  return JSON.stringify(types, null, 2) + "\n";
}
