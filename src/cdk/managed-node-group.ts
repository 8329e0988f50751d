/**
 * One EKS managed node group from the spec, on a launch template that requires IMDSv2
 * with a hop limit of 1 (pods cannot borrow the node's credentials) and an encrypted gp3
 * root volume. Taints and labels come from the spec, so `system` keeps add-ons apart.
 */
import { isArmInstanceFamily } from "../platform-spec/ec2-instance-types.js";
import { aws } from "./aws-cdk-lib.js";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as eks from "aws-cdk-lib/aws-eks-v2";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { SlipwayError } from "../errors.js";
import { nodegroupName } from "../platform-spec/names.js";
import type { NodeGroupSpec } from "../platform-spec/schema.js";

export interface ManagedNodeGroupProps {
  readonly cluster: eks.ICluster;
  readonly clusterName: string;
  /** Key of the group in `spec.nodeGroups`, used in its physical name. */
  readonly name: string;
  readonly spec: NodeGroupSpec;
  readonly nodeRole: iam.IRole;
}

const TAINT_EFFECTS: Record<NodeGroupSpec["taints"][number]["effect"], eks.TaintEffect> = {
  NoSchedule: aws.eksV2.TaintEffect.NO_SCHEDULE,
  PreferNoSchedule: aws.eksV2.TaintEffect.PREFER_NO_SCHEDULE,
  NoExecute: aws.eksV2.TaintEffect.NO_EXECUTE,
};

/** Whether an instance type is Graviton (arm64), by its family. */
export function isArmInstanceType(instanceType: string): boolean {
  return isArmInstanceFamily(instanceType.slice(0, instanceType.indexOf(".")));
}

export class ManagedNodeGroup extends Construct {
  readonly nodegroup: eks.Nodegroup;
  readonly launchTemplate: ec2.LaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const { spec } = props;
    const arm = spec.instanceTypes.map(isArmInstanceType);
    if (arm.some((value) => value !== arm[0])) {
      throw new SlipwayError("SPEC_INVALID", `node group "${props.name}" mixes arm64 and x86_64 instance types (${spec.instanceTypes.join(", ")})`, {
        where: `nodeGroups.${props.name}.instanceTypes`,
        fix: "use one architecture per node group (Graviton types such as m7g go in their own group)",
      });
    }
    this.launchTemplate = new aws.ec2.LaunchTemplate(this, "LaunchTemplate", {
      launchTemplateName: `${props.clusterName}-${props.name}`,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      httpEndpoint: true,
      blockDevices: [
        {
          // Root device of the EKS-optimized Amazon Linux 2023 AMI.
          deviceName: "/dev/xvda",
          volume: aws.ec2.BlockDeviceVolume.ebs(spec.diskSizeGiB, { volumeType: aws.ec2.EbsDeviceVolumeType.GP3, encrypted: true, deleteOnTermination: true }),
        },
      ],
    });
    this.nodegroup = new aws.eksV2.Nodegroup(this, "Nodegroup", {
      cluster: props.cluster,
      nodegroupName: nodegroupName(props.clusterName, props.name),
      nodeRole: props.nodeRole,
      instanceTypes: spec.instanceTypes.map((type) => new aws.ec2.InstanceType(type)),
      amiType: arm[0] ? aws.eksV2.NodegroupAmiType.AL2023_ARM_64_STANDARD : aws.eksV2.NodegroupAmiType.AL2023_X86_64_STANDARD,
      capacityType: spec.capacityType === "SPOT" ? aws.eksV2.CapacityType.SPOT : aws.eksV2.CapacityType.ON_DEMAND,
      minSize: spec.minSize,
      maxSize: spec.maxSize,
      desiredSize: spec.desiredSize ?? spec.minSize,
      labels: { ...spec.labels },
      taints: spec.taints.map((taint) => ({ key: taint.key, value: taint.value, effect: TAINT_EFFECTS[taint.effect] })),
      subnets: { subnetType: aws.ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplateSpec: { id: this.launchTemplate.launchTemplateId!, version: this.launchTemplate.latestVersionNumber },
      enableNodeAutoRepair: true,
      maxUnavailablePercentage: 33,
    });
  }
}
