/**
 * What one node of an instance type offers pods: allocatable CPU and memory and its pod
 * limit, as the EKS AMI reserves them (src/local/instance-types.ts, the same figures the
 * local cluster's fake nodes have), and its hourly price in the spec's region.
 */
import { hourlyPrice, type CapacityType } from "../pricing/ec2-prices.js";
import { instanceType, nodeResources } from "../local/instance-types.js";
import { SlipwayError } from "../errors.js";
import { quantityIn, type Resources } from "./pod-requests.js";

export interface NodeShape {
  readonly instanceType: string;
  readonly capacityType: CapacityType;
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly allocatable: Resources;
  readonly maxPods: number;
  readonly hourlyUsd: number;
}

export function nodeShape(region: string, name: string, capacityType: CapacityType, where: string): NodeShape {
  let type;
  try {
    type = instanceType(name, where);
  } catch (error) {
    throw new SlipwayError("PRICE_UNKNOWN", `instance type ${name} has no known vCPU and memory, so its nodes cannot be sized`, {
      where,
      fix: "use an instance type listed in src/local/instance-types.ts, or add it there with its source",
      cause: error,
    });
  }
  const { allocatable } = nodeResources(type, 20);
  return {
    instanceType: name,
    capacityType,
    vcpu: type.vcpu,
    memoryGiB: type.memoryGiB,
    allocatable: { cpuMillicores: quantityIn(allocatable.cpu, "millicores"), memoryMiB: quantityIn(allocatable.memory, "MiB") },
    maxPods: type.maxPods,
    hourlyUsd: hourlyPrice(region, name, capacityType, where),
  };
}
