/**
 * The EC2 instance types a local node can be (a fake node of a managed node group, or an
 * instance type offered to the local Karpenter): vCPUs, memory and the pod limit of the
 * Amazon VPC CNI (ENIs × (IPs per ENI − 1) + 2, from the EKS AMI's eni-max-pods table).
 *
 * Allocatable follows the EKS AMI bootstrap (kube-reserved and eviction threshold), so
 * the scheduler packs pods as it would on EKS. Memory is the nominal size: a real
 * instance reports a little less because the kernel keeps some.
 */
import { SlipwayError } from "../errors.js";

export interface InstanceType {
  /** Every type in the table is x86-64 (Intel); Graviton types would say arm64. */
  readonly architecture: "amd64" | "arm64";
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly maxPods: number;
}

export const INSTANCE_TYPES: Readonly<Record<string, InstanceType>> = {
  "t3.medium": { architecture: "amd64", vcpu: 2, memoryGiB: 4, maxPods: 17 },
  "t3.large": { architecture: "amd64", vcpu: 2, memoryGiB: 8, maxPods: 35 },
  "m6i.large": { architecture: "amd64", vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m6i.xlarge": { architecture: "amd64", vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m6i.2xlarge": { architecture: "amd64", vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m6i.4xlarge": { architecture: "amd64", vcpu: 16, memoryGiB: 64, maxPods: 234 },
  "m7i.large": { architecture: "amd64", vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m7i.xlarge": { architecture: "amd64", vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m7i.2xlarge": { architecture: "amd64", vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m7i.4xlarge": { architecture: "amd64", vcpu: 16, memoryGiB: 64, maxPods: 234 },
  "c6i.large": { architecture: "amd64", vcpu: 2, memoryGiB: 4, maxPods: 29 },
  "c6i.xlarge": { architecture: "amd64", vcpu: 4, memoryGiB: 8, maxPods: 58 },
  "c6i.2xlarge": { architecture: "amd64", vcpu: 8, memoryGiB: 16, maxPods: 58 },
  "c6i.4xlarge": { architecture: "amd64", vcpu: 16, memoryGiB: 32, maxPods: 234 },
  "c7i.large": { architecture: "amd64", vcpu: 2, memoryGiB: 4, maxPods: 29 },
  "c7i.xlarge": { architecture: "amd64", vcpu: 4, memoryGiB: 8, maxPods: 58 },
  "c7i.2xlarge": { architecture: "amd64", vcpu: 8, memoryGiB: 16, maxPods: 58 },
  "c7i.4xlarge": { architecture: "amd64", vcpu: 16, memoryGiB: 32, maxPods: 234 },
  "r6i.large": { architecture: "amd64", vcpu: 2, memoryGiB: 16, maxPods: 29 },
  "r6i.xlarge": { architecture: "amd64", vcpu: 4, memoryGiB: 32, maxPods: 58 },
  "r6i.2xlarge": { architecture: "amd64", vcpu: 8, memoryGiB: 64, maxPods: 58 },
  "r6i.4xlarge": { architecture: "amd64", vcpu: 16, memoryGiB: 128, maxPods: 234 },
};

export interface NodeResources {
  readonly capacity: Readonly<Record<string, string>>;
  readonly allocatable: Readonly<Record<string, string>>;
}

export function instanceType(name: string, where: string): InstanceType {
  const type = INSTANCE_TYPES[name];
  if (type === undefined) {
    throw new SlipwayError("LOCAL_CLUSTER", `instance type "${name}" has no known capacity for local nodes`, {
      where,
      fix: `use one of ${Object.keys(INSTANCE_TYPES).join(", ")}, or add it to src/local/instance-types.ts`,
    });
  }
  return type;
}

/** Capacity and allocatable of a node of this type with a root volume of `diskGiB`. */
export function nodeResources(type: InstanceType, diskGiB: number): NodeResources {
  const memoryMi = type.memoryGiB * 1024;
  return {
    capacity: { cpu: String(type.vcpu), memory: `${memoryMi}Mi`, pods: String(type.maxPods), "ephemeral-storage": `${diskGiB}Gi` },
    allocatable: {
      cpu: `${type.vcpu * 1000 - reservedCpuMillicores(type.vcpu)}m`,
      memory: `${memoryMi - reservedMemoryMi(type.maxPods) - EVICTION_HARD_MEMORY_MI}Mi`,
      pods: String(type.maxPods),
      // kubelet's default nodefs eviction threshold keeps 10% of the root volume.
      "ephemeral-storage": `${Math.floor(diskGiB * 1024 * 0.9)}Mi`,
    },
  };
}

/** EKS AMI kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% above. */
export function reservedCpuMillicores(vcpu: number): number {
  const tiers = [60, 10, 5, 5];
  let reserved = 0;
  for (let core = 0; core < vcpu; core++) reserved += tiers[core] ?? 2.5;
  return Math.round(reserved);
}

/** EKS AMI kube-reserved memory: 255Mi plus 11Mi per pod the node can hold. */
export function reservedMemoryMi(maxPods: number): number {
  return 255 + 11 * maxPods;
}

const EVICTION_HARD_MEMORY_MI = 100;
