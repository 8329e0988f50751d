/**
 * Karpenter controller permissions, statement for statement the policy of Karpenter's
 * own CloudFormation template (aws/karpenter-provider-aws, getting-started
 * `cloudformation.yaml`, v1): instance actions scoped to resources tagged for this
 * cluster, PassRole only for the node role, and instance profiles it creates itself.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as iam from "aws-cdk-lib/aws-iam";

export interface KarpenterPolicyContext {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly clusterName: string;
  readonly nodeRoleName: string;
  /** ARN of the interruption queue (may be a token). */
  readonly interruptionQueueArn: string;
}

export function karpenterControllerStatements(context: KarpenterPolicyContext): iam.PolicyStatement[] {
  const { partition, region, account, clusterName } = context;
  const ec2 = (resource: string) => `arn:${partition}:ec2:${region}:*:${resource}`;
  const clusterTag = `kubernetes.io/cluster/${clusterName}`;
  const statement = (sid: string, props: Omit<iam.PolicyStatementProps, "sid" | "effect">) =>
    new aws.iam.PolicyStatement({ sid, effect: aws.iam.Effect.ALLOW, ...props });
  return [
    statement("AllowScopedEC2InstanceActions", {
      actions: ["ec2:RunInstances", "ec2:CreateFleet"],
      resources: [
        `arn:${partition}:ec2:${region}::image/*`,
        `arn:${partition}:ec2:${region}::snapshot/*`,
        ec2("spot-instances-request/*"),
        ec2("security-group/*"),
        ec2("subnet/*"),
        ec2("launch-template/*"),
      ],
    }),
    statement("AllowScopedEC2InstanceActionsWithTags", {
      actions: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      resources: [ec2("fleet/*"), ec2("instance/*"), ec2("volume/*"), ec2("network-interface/*"), ec2("launch-template/*")],
      conditions: {
        StringEquals: { [`aws:RequestTag/${clusterTag}`]: "owned" },
        StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
      },
    }),
    statement("AllowScopedResourceCreationTagging", {
      actions: ["ec2:CreateTags"],
      resources: [ec2("fleet/*"), ec2("instance/*"), ec2("volume/*"), ec2("network-interface/*"), ec2("launch-template/*")],
      conditions: {
        StringEquals: { [`aws:RequestTag/${clusterTag}`]: "owned", "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
        StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
      },
    }),
    statement("AllowScopedResourceTagging", {
      actions: ["ec2:CreateTags"],
      resources: [ec2("instance/*")],
      conditions: {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["karpenter.sh/nodeclaim", "Name"] },
      },
    }),
    statement("AllowScopedDeletion", {
      actions: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      resources: [ec2("instance/*"), ec2("launch-template/*")],
      conditions: {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned" },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
      },
    }),
    statement("AllowRegionalReadActions", {
      actions: [
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeImages",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
      ],
      resources: ["*"],
      conditions: { StringEquals: { "aws:RequestedRegion": region } },
    }),
    statement("AllowSSMReadActions", {
      actions: ["ssm:GetParameter"],
      resources: [`arn:${partition}:ssm:${region}::parameter/aws/service/*`],
    }),
    statement("AllowPricingReadActions", { actions: ["pricing:GetProducts"], resources: ["*"] }),
    statement("AllowInterruptionQueueActions", {
      actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      resources: [context.interruptionQueueArn],
    }),
    statement("AllowPassingInstanceRole", {
      actions: ["iam:PassRole"],
      resources: [`arn:${partition}:iam::${account}:role/${context.nodeRoleName}`],
      // Both names, as upstream's template has them: EC2 in the China regions is passed roles as ec2.amazonaws.com.cn.
      conditions: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
    }),
    statement("AllowScopedInstanceProfileCreationActions", {
      actions: ["iam:CreateInstanceProfile"],
      resources: ["*"],
      conditions: {
        StringEquals: { [`aws:RequestTag/${clusterTag}`]: "owned", "aws:RequestTag/topology.kubernetes.io/region": region },
        StringLike: { "aws:RequestTag/karpenter.sh/nodeclass": "*" },
      },
    }),
    statement("AllowScopedInstanceProfileTagActions", {
      actions: ["iam:TagInstanceProfile"],
      resources: ["*"],
      conditions: {
        StringEquals: {
          [`aws:ResourceTag/${clusterTag}`]: "owned",
          "aws:ResourceTag/topology.kubernetes.io/region": region,
          [`aws:RequestTag/${clusterTag}`]: "owned",
          "aws:RequestTag/topology.kubernetes.io/region": region,
        },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodeclass": "*", "aws:RequestTag/karpenter.sh/nodeclass": "*" },
      },
    }),
    statement("AllowScopedInstanceProfileActions", {
      actions: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
      resources: ["*"],
      conditions: {
        StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned", "aws:ResourceTag/topology.kubernetes.io/region": region },
        StringLike: { "aws:ResourceTag/karpenter.sh/nodeclass": "*" },
      },
    }),
    statement("AllowInstanceProfileReadActions", { actions: ["iam:GetInstanceProfile"], resources: ["*"] }),
    statement("AllowAPIServerEndpointDiscovery", {
      actions: ["eks:DescribeCluster"],
      resources: [`arn:${partition}:eks:${region}:${account}:cluster/${clusterName}`],
    }),
  ];
}
