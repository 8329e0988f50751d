/**
 * AWS Load Balancer Controller permissions: upstream `docs/install/iam_policy.json`
 * (kubernetes-sigs/aws-load-balancer-controller, v2.14+ statements, unchanged in v3),
 * with the partition filled in. Mutating actions are limited to resources the
 * controller tagged (`elbv2.k8s.aws/cluster`), as upstream does.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as iam from "aws-cdk-lib/aws-iam";

export function awsLoadBalancerControllerStatements(partition: string): iam.PolicyStatement[] {
  const elb = (resource: string) => `arn:${partition}:elasticloadbalancing:*:*:${resource}`;
  const securityGroups = `arn:${partition}:ec2:*:*:security-group/*`;
  const allow = (props: Omit<iam.PolicyStatementProps, "effect">) => new aws.iam.PolicyStatement({ effect: aws.iam.Effect.ALLOW, ...props });
  const tagged = { Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } };
  return [
    allow({
      actions: ["iam:CreateServiceLinkedRole"],
      resources: ["*"],
      conditions: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
    }),
    allow({
      actions: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools",
        "ec2:GetSecurityGroupsForVpc",
        "ec2:DescribeIpamPools",
        "ec2:DescribeRouteTables",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation",
      ],
      resources: ["*"],
    }),
    allow({
      actions: [
        "cognito-idp:DescribeUserPoolClient",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource",
        "waf-regional:AssociateWebACL",
        "waf-regional:DisassociateWebACL",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
        "wafv2:AssociateWebACL",
        "wafv2:DisassociateWebACL",
        "shield:GetSubscriptionState",
        "shield:DescribeProtection",
        "shield:CreateProtection",
        "shield:DeleteProtection",
      ],
      resources: ["*"],
    }),
    allow({ actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], resources: ["*"] }),
    allow({ actions: ["ec2:CreateSecurityGroup"], resources: ["*"] }),
    allow({
      actions: ["ec2:CreateTags"],
      resources: [securityGroups],
      conditions: {
        StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" },
        Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
      },
    }),
    allow({
      actions: ["ec2:CreateTags", "ec2:DeleteTags"],
      resources: [securityGroups],
      conditions: { Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "true", "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } },
    }),
    allow({
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      resources: ["*"],
      conditions: tagged,
    }),
    allow({
      actions: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      resources: ["*"],
      conditions: { Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" } },
    }),
    allow({
      actions: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
      ],
      resources: ["*"],
    }),
    allow({
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: [elb("targetgroup/*/*"), elb("loadbalancer/net/*/*"), elb("loadbalancer/app/*/*")],
      conditions: { Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "true", "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } },
    }),
    allow({
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: [elb("listener/net/*/*/*"), elb("listener/app/*/*/*"), elb("listener-rule/net/*/*/*"), elb("listener-rule/app/*/*/*")],
    }),
    allow({
      actions: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      resources: ["*"],
      conditions: tagged,
    }),
    allow({
      actions: ["elasticloadbalancing:AddTags"],
      resources: [elb("targetgroup/*/*"), elb("loadbalancer/net/*/*"), elb("loadbalancer/app/*/*")],
      conditions: {
        StringEquals: { "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"] },
        Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
      },
    }),
    allow({
      actions: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      resources: [elb("targetgroup/*/*")],
    }),
    allow({
      actions: [
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      resources: ["*"],
    }),
  ];
}
