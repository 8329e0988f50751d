/**
 * The EKS control plane, created natively (aws-eks-v2: `AWS::EKS::Cluster`, no
 * Lambda-backed kubectl provider): private and public endpoint with the public side
 * limited to configured CIDRs, all five control-plane log types, Secrets envelope
 * encryption, authentication through access entries only (no aws-auth ConfigMap).
 *
 * It also owns the node security group Karpenter discovers by tag: Karpenter's nodes get
 * it instead of the EKS-managed cluster security group, so both groups allow each other
 * all traffic (control plane ↔ kubelet, pod ↔ pod across managed and Karpenter nodes).
 */
import { aws } from "./aws-cdk-lib.js";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as eks from "aws-cdk-lib/aws-eks-v2";
import type * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { acknowledgeFindings, managedPolicyFindings } from "./nag-acknowledgements.js";

export interface PlatformClusterProps {
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. "1.35". */
  readonly kubernetesVersion: string;
  readonly vpc: ec2.IVpc;
  readonly publicAccessCidrs: readonly string[];
  readonly secretsEncryptionKey: kms.IKey;
  /** Tag key and value Karpenter selects the node security group by. */
  readonly discoveryTag: { readonly key: string; readonly value: string };
  /** IAM role granted cluster admin through an access entry. @default no admin entry (the stack's deployer keeps admin) */
  readonly adminRoleArn?: string;
}

export const CONTROL_PLANE_LOG_TYPES = [
  aws.eksV2.ClusterLoggingTypes.API,
  aws.eksV2.ClusterLoggingTypes.AUDIT,
  aws.eksV2.ClusterLoggingTypes.AUTHENTICATOR,
  aws.eksV2.ClusterLoggingTypes.CONTROLLER_MANAGER,
  aws.eksV2.ClusterLoggingTypes.SCHEDULER,
] as const;

export class PlatformCluster extends Construct {
  readonly cluster: eks.Cluster;
  readonly nodeSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: PlatformClusterProps) {
    super(scope, id);
    this.cluster = new aws.eksV2.Cluster(this, "Cluster", {
      clusterName: props.clusterName,
      version: aws.eksV2.KubernetesVersion.of(props.kubernetesVersion),
      vpc: props.vpc,
      vpcSubnets: [{ subnetType: aws.ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      endpointAccess: aws.eksV2.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...props.publicAccessCidrs),
      clusterLogging: [...CONTROL_PLANE_LOG_TYPES],
      secretsEncryptionKey: props.secretsEncryptionKey,
      // Node groups are declared explicitly (launch templates, taints); no default capacity
      // and no EKS Auto Mode.
      defaultCapacity: 0,
      defaultCapacityType: aws.eksV2.DefaultCapacityType.NODEGROUP,
      // The managed add-ons replace the self-managed CNI, kube-proxy and CoreDNS.
      bootstrapSelfManagedAddons: false,
      // Without an admin role the CloudFormation deployer keeps admin, so the cluster is
      // never left without anyone able to reach it.
      bootstrapClusterCreatorAdminPermissions: props.adminRoleArn === undefined,
      outputConfigCommand: false,
    });
    acknowledgeFindings(
      this.cluster.role,
      managedPolicyFindings(["AmazonEKSClusterPolicy"]),
      "The AWS managed policy EKS requires on the cluster service role, kept current by AWS.",
    );
    if (props.adminRoleArn !== undefined) {
      this.cluster.grantAccess("Admin", props.adminRoleArn, [
        aws.eksV2.AccessPolicy.fromAccessPolicyName("AmazonEKSClusterAdminPolicy", { accessScopeType: aws.eksV2.AccessScopeType.CLUSTER }),
      ]);
    }

    this.nodeSecurityGroup = new aws.ec2.SecurityGroup(this, "NodeSecurityGroup", {
      vpc: props.vpc,
      description: `Nodes launched by Karpenter for ${props.clusterName}`,
      allowAllOutbound: true,
    });
    aws.core.Tags.of(this.nodeSecurityGroup).add(props.discoveryTag.key, props.discoveryTag.value);
    this.nodeSecurityGroup.addIngressRule(this.nodeSecurityGroup, aws.ec2.Port.allTraffic(), "node to node");
    this.nodeSecurityGroup.addIngressRule(this.cluster.clusterSecurityGroup, aws.ec2.Port.allTraffic(), "control plane and managed nodes");
    new aws.ec2.CfnSecurityGroupIngress(this, "ClusterFromNodes", {
      groupId: this.cluster.clusterSecurityGroupId,
      sourceSecurityGroupId: this.nodeSecurityGroup.securityGroupId,
      ipProtocol: "-1",
      description: "Karpenter nodes to control plane and managed nodes",
    });
  }
}
