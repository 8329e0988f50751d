/**
 * The EKS managed Argo CD capability (`argocd.mode: eks-capability`): Argo CD run by EKS
 * on AWS's side instead of installed into the cluster, with its capability role and the
 * Identity Center sign-in it requires.
 *
 * From the EKS user guide (checked 2026-11-30):
 * - "Amazon EKS capability IAM role" / "Create an Argo CD capability using eksctl": the
 *   capability role's trust policy allows the service principal
 *   `capabilities.eks.amazonaws.com` the actions `sts:AssumeRole` and `sts:TagSession`;
 *   a basic setup needs no permission policy (only Secrets Manager repository
 *   credentials or CodeConnections would).
 * - EKS API ArgoCdConfigRequest: `awsIdc` (idcInstanceArn, idcRegion) is required,
 *   `namespace` defaults to `default` (so it is set here to the platform's `argocd`),
 *   `rbacRoleMappings` map Identity Center users and groups to ADMIN, EDITOR or VIEWER.
 * - "Register target clusters": the capability creates an access entry for its role on
 *   the local cluster but grants it no Kubernetes permissions and does not register the
 *   local cluster; `slipway bootstrap` does both (src/bootstrap/bootstrap-plan.ts).
 * The capability requires the cluster's API authentication mode, which PlatformCluster
 * always sets (access entries, no aws-auth ConfigMap).
 */
import { aws } from "./aws-cdk-lib.js";
import type * as eks from "aws-cdk-lib/aws-eks";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import type { ArgoCdSpec } from "../platform-spec/argocd-spec.js";

/** Service principal EKS capabilities assume their role with. */
export const EKS_CAPABILITIES_PRINCIPAL = "capabilities.eks.amazonaws.com";

/** Name of the capability on the cluster. */
export const ARGOCD_CAPABILITY_NAME = "argocd";

export interface ArgoCdCapabilityProps {
  readonly clusterName: string;
  readonly roleName: string;
  /** Namespace the capability keeps Applications and AppProjects in. */
  readonly namespace: string;
  /** Region of the platform: the Identity Center region when the spec names none. */
  readonly region: string;
  readonly argocd: ArgoCdSpec;
}

export class ArgoCdCapability extends Construct {
  readonly role: iam.Role;
  readonly capability: eks.CfnCapability;

  constructor(scope: Construct, id: string, props: ArgoCdCapabilityProps) {
    super(scope, id);
    const identityCenter = props.argocd.identityCenter;
    // The spec refuses eks-capability without identityCenter (argocd-spec.ts).
    if (identityCenter === undefined) throw new Error(`${this.node.path}: argocd.identityCenter is required in eks-capability mode`);
    this.role = new aws.iam.Role(this, "Role", {
      roleName: props.roleName,
      description: `EKS managed Argo CD capability of ${props.clusterName}`,
      assumedBy: new aws.iam.SessionTagsPrincipal(new aws.iam.ServicePrincipal(EKS_CAPABILITIES_PRINCIPAL)),
    });
    this.capability = new aws.eks.CfnCapability(this, "Capability", {
      capabilityName: ARGOCD_CAPABILITY_NAME,
      clusterName: props.clusterName,
      type: "ARGOCD",
      roleArn: this.role.roleArn,
      // The only policy EKS accepts: what Argo CD deployed stays when the capability goes.
      deletePropagationPolicy: "RETAIN",
      configuration: {
        argoCd: {
          namespace: props.namespace,
          awsIdc: { idcInstanceArn: identityCenter.instanceArn, idcRegion: identityCenter.region ?? props.region },
          rbacRoleMappings: props.argocd.rbacRoleMappings.map((mapping) => ({
            role: mapping.role,
            identities: mapping.identities.map((identity) => ({ id: identity.id, type: identity.type })),
          })),
        },
      },
    });
  }
}
