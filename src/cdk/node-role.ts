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
      assumedBy: new aws.iam.ServicePrincipal("ec2.amazonaws.com"),
      managedPolicies: NODE_ROLE_MANAGED_POLICIES.map((name) => aws.iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    acknowledgeFindings(
      this.role,
      managedPolicyFindings(NODE_ROLE_MANAGED_POLICIES),
      "The AWS managed policies EKS requires on node roles (join the cluster, pull images), kept current by AWS.",
    );
  }
}
