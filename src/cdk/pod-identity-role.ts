/**
 * An IAM role for one Kubernetes service account through EKS Pod Identity, and (unless an
 * EKS add-on makes it itself) the association that binds the two.
 *
 * The trust policy is the one EKS documents (pods.eks.amazonaws.com may AssumeRole and
 * TagSession). Which pods get the role is decided by the association (cluster, namespace,
 * service account), which only this account can create.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import type { WorkloadIdentity } from "../platform-spec/names.js";
import { acknowledgeFindings, managedPolicyFindings } from "./nag-acknowledgements.js";

export interface PodIdentityRoleProps {
  /** The cluster's name as a reference, so the association waits for the cluster. */
  readonly clusterName: string;
  /** Names from the GitOps bridge: role name, namespace and service account. */
  readonly identity: WorkloadIdentity;
  /** @default no inline policy */
  readonly statements?: readonly iam.PolicyStatement[];
  /** AWS managed policies by name, e.g. `AmazonEKS_CNI_Policy`. @default none */
  readonly managedPolicyNames?: readonly string[];
  /**
   * Create the Pod Identity association here. False when an EKS managed add-on creates it
   * through its own `podIdentityAssociations`.
   * @default true
   */
  readonly associate?: boolean;
}

export class PodIdentityRole extends Construct {
  readonly role: iam.Role;
  readonly identity: WorkloadIdentity;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    this.identity = props.identity;
    const principal = new aws.iam.SessionTagsPrincipal(new aws.iam.ServicePrincipal("pods.eks.amazonaws.com"));
    this.role = new aws.iam.Role(this, "Role", {
      roleName: props.identity.roleName,
      description: `EKS Pod Identity of ${props.identity.namespace}/${props.identity.serviceAccount} on ${props.clusterName}`,
      assumedBy: principal,
      managedPolicies: (props.managedPolicyNames ?? []).map((name) => aws.iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
      inlinePolicies:
        props.statements && props.statements.length > 0 ? { access: new aws.iam.PolicyDocument({ statements: [...props.statements] }) } : undefined,
    });
    if (props.managedPolicyNames && props.managedPolicyNames.length > 0) {
      acknowledgeFindings(
        this.role,
        managedPolicyFindings(props.managedPolicyNames),
        "AWS managed policy EKS documents for this add-on and keeps current with its releases; on a role only the add-on's service account can use.",
      );
    }
    if (props.associate ?? true) {
      new aws.eks.CfnPodIdentityAssociation(this, "Association", {
        clusterName: props.clusterName,
        namespace: props.identity.namespace,
        serviceAccount: props.identity.serviceAccount,
        roleArn: this.role.roleArn,
      });
    }
  }
}
