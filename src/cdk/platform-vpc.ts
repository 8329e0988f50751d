/**
 * The platform VPC: public and private subnets in every zone, NAT gateways one per zone
 * (or a single one to save cost), and the tags the AWS Load Balancer Controller and
 * Karpenter discover subnets by.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import { Construct } from "constructs";

export interface PlatformVpcProps {
  /** `Name` tag of the VPC (the load balancer controller finds the VPC by it). */
  readonly vpcName: string;
  readonly cidr: string;
  /** Concrete zone names; no lookup happens at synth time. */
  readonly availabilityZones: readonly string[];
  /** @default "one-per-az" */
  readonly natGateways?: "one-per-az" | "single";
  /** Tag key and value Karpenter selects private subnets by. */
  readonly discoveryTag: { readonly key: string; readonly value: string };
}

export class PlatformVpc extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: PlatformVpcProps) {
    super(scope, id);
    const prefix = Number(props.cidr.split("/")[1]);
    this.vpc = new aws.ec2.Vpc(this, "Vpc", {
      vpcName: props.vpcName,
      ipAddresses: aws.ec2.IpAddresses.cidr(props.cidr),
      availabilityZones: [...props.availabilityZones],
      natGateways: (props.natGateways ?? "one-per-az") === "single" ? 1 : props.availabilityZones.length,
      // Pods take their IPs from the private subnets (VPC CNI): each gets 1/8 of the VPC,
      // each public subnet (load balancers, NAT) 1/64, which fits six zones.
      subnetConfiguration: [
        { name: "public", subnetType: aws.ec2.SubnetType.PUBLIC, cidrMask: prefix + 6, mapPublicIpOnLaunch: false },
        { name: "private", subnetType: aws.ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: prefix + 3 },
      ],
      // `true` would add a Lambda-backed custom resource; the default security group is
      // unused (every resource here has its own).
      restrictDefaultSecurityGroup: false,
      flowLogs: {
        all: { trafficType: aws.ec2.FlowLogTrafficType.REJECT, destination: aws.ec2.FlowLogDestination.toCloudWatchLogs() },
      },
    });
    for (const subnet of this.vpc.publicSubnets) aws.core.Tags.of(subnet).add("kubernetes.io/role/elb", "1");
    for (const subnet of this.vpc.privateSubnets) {
      aws.core.Tags.of(subnet).add("kubernetes.io/role/internal-elb", "1");
      aws.core.Tags.of(subnet).add(props.discoveryTag.key, props.discoveryTag.value);
    }
  }
}
