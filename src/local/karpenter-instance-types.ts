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
 * The shape is kwok's `InstanceTypeOptions` (sigs.k8s.io/karpenter kwok/cloudprovider/helpers.go):
 * the offering fields are Go's exported names (`Price`, `Available`, `Requirements`).
 */
import { availabilityZoneNames } from "../cdk/availability-zones.js";
import { SlipwayError } from "../errors.js";
import { hourlyPrice, type CapacityType } from "../pricing/ec2-prices.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
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

export function karpenterInstanceTypes(spec: PlatformSpec): KwokInstanceType[] {
  const { instanceFamilies, instanceSizes, architectures } = spec.karpenter;
  const zones = availabilityZoneNames(spec.aws.region, spec.cluster.availabilityZones);
  const types: KwokInstanceType[] = [];
  // A family or size listed twice is one instance type: kwok would otherwise offer it twice.
  for (const family of new Set(instanceFamilies)) {
    for (const size of new Set(instanceSizes)) {
      const name = `${family}.${size}`;
      const type = INSTANCE_TYPES[name];
      if (type === undefined) {
        throw new SlipwayError("LOCAL_CLUSTER", `instance type "${name}" (karpenter.instanceFamilies × karpenter.instanceSizes) has no known capacity for the local Karpenter`, {
          where: "karpenter.instanceFamilies",
          fix: `allow only families and sizes whose types are known (${Object.keys(INSTANCE_TYPES).join(", ")}), or add ${name} with its vCPU, memory and eni-max-pods to src/local/instance-types.ts`,
        });
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
        const price = hourlyPrice(spec.aws.region, name, capacityType, "karpenter.instanceFamilies");
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
  return types.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The file's text: deterministic, so the same spec gives the same file. */
export function renderInstanceTypesFile(spec: PlatformSpec): string {
  return JSON.stringify(karpenterInstanceTypes(spec), null, 2) + "\n";
}
