/**
 * The IAM role EC2 nodes run as: joining the cluster and pulling images, nothing more.
 * The VPC CNI and the EBS CSI driver have their own Pod Identity roles, so their rights
 * are not on every node.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { acknowledgeFindings, managedPolicyFindings } from "./nag-acknowledgements.js";

export interface NodeRoleProps {
  /** @default a name CloudFormation generates */
  readonly roleName?: string;
  readonly description: string;
  /** AWS partition of the stack (`aws`, `aws-cn`, `aws-us-gov`): the EC2 principal the role trusts depends on it. */
  readonly partition: string;
}

/**
 * The EC2 service principal nodes assume their role as: `ec2.<partition DNS suffix>`, as
 * Karpenter's own CloudFormation template writes it (`!Sub "ec2.${AWS::URLSuffix}"`). In
 * the China regions EKS refuses a node group whose role does not trust
 * `ec2.amazonaws.com.cn` ("Following required service principals [ec2.amazonaws.com.cn]
 * were not found in the trust relationships of nodeRole"), while aws-cdk-lib's
 * ServicePrincipal writes `ec2.amazonaws.com` in every partition (it strips `.cn`), so the
 * name is given as is.
 */
export function ec2ServicePrincipalName(partition: string): string {
  return partition === "aws-cn" ? "ec2.amazonaws.com.cn" : "ec2.amazonaws.com";
}

/** AWS managed policies EKS requires on a node role (minus the CNI policy, see above). */
export const NODE_ROLE_MANAGED_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"] as const;

export class NodeRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    this.role = new aws.iam.Role(this, "Role", {
      roleName: props.roleName,
      description: props.description,
      assumedBy: aws.iam.ServicePrincipal.fromStaticServicePrincipleName(ec2ServicePrincipalName(props.partition)),
      managedPolicies: NODE_ROLE_MANAGED_POLICIES.map((name) => aws.iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    acknowledgeFindings(
      this.role,
      managedPolicyFindings(NODE_ROLE_MANAGED_POLICIES),
      "The AWS managed policies EKS requires on node roles (join the cluster, pull images), kept current by AWS.",
    );
  }
}
