/**
 * EKS managed add-ons at pinned versions (src/versions.ts): VPC CNI, kube-proxy, CoreDNS,
 * EBS CSI driver and the Pod Identity agent. Add-ons that call AWS get their own role
 * through the add-on's `podIdentityAssociations`, so no node role carries their rights.
 *
 * Order matters on a cluster without self-managed add-ons: the CNI, kube-proxy and the
 * Pod Identity agent must exist before nodes join (nodes are not Ready without a CNI);
 * CoreDNS and the EBS CSI controller need nodes to run on. `nodesReady` lets the stack
 * wire that: the first group is returned in `beforeNodes`, the second in `afterNodes`.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as eks from "aws-cdk-lib/aws-eks";
import { Construct } from "constructs";
import type { PlatformNames } from "../platform-spec/names.js";
import type { EksAddonVersions } from "../versions.js";
import { PodIdentityRole } from "./pod-identity-role.js";

export interface ManagedAddonsProps {
  /** The cluster's name as a reference (Ref), so add-ons wait for the cluster. */
  readonly clusterName: string;
  readonly versions: EksAddonVersions;
  readonly names: PlatformNames;
}

export class ManagedAddons extends Construct {
  readonly beforeNodes: readonly eks.CfnAddon[];
  readonly afterNodes: readonly eks.CfnAddon[];
  readonly vpcCniRole: PodIdentityRole;
  readonly ebsCsiDriverRole: PodIdentityRole;

  constructor(scope: Construct, id: string, props: ManagedAddonsProps) {
    super(scope, id);
    const { clusterName, versions, names } = props;
    this.vpcCniRole = new PodIdentityRole(this, "VpcCniIdentity", {
      clusterName,
      identity: names.identities.vpcCni,
      managedPolicyNames: ["AmazonEKS_CNI_Policy"],
      associate: false,
    });
    this.ebsCsiDriverRole = new PodIdentityRole(this, "EbsCsiDriverIdentity", {
      clusterName,
      identity: names.identities.ebsCsiDriver,
      managedPolicyNames: ["service-role/AmazonEBSCSIDriverPolicy"],
      associate: false,
    });
    const addon = (addonId: string, addonName: string, addonVersion: string, identity?: PodIdentityRole) =>
      new aws.eks.CfnAddon(this, addonId, {
        clusterName,
        addonName,
        addonVersion,
        // The add-on owns its objects; a manual edit is overwritten rather than failing upgrades.
        resolveConflicts: "OVERWRITE",
        podIdentityAssociations: identity ? [{ serviceAccount: identity.identity.serviceAccount, roleArn: identity.role.roleArn }] : undefined,
      });
    const podIdentityAgent = addon("PodIdentityAgent", "eks-pod-identity-agent", versions.podIdentityAgent);
    const vpcCni = addon("VpcCni", "vpc-cni", versions.vpcCni, this.vpcCniRole);
    // The CNI reads its credentials through the agent.
    vpcCni.node.addDependency(podIdentityAgent);
    const kubeProxy = addon("KubeProxy", "kube-proxy", versions.kubeProxy);
    const coreDns = addon("CoreDns", "coredns", versions.coredns);
    const ebsCsiDriver = addon("EbsCsiDriver", "aws-ebs-csi-driver", versions.ebsCsiDriver, this.ebsCsiDriverRole);
    this.beforeNodes = [podIdentityAgent, vpcCni, kubeProxy];
    this.afterNodes = [coreDns, ebsCsiDriver];
  }
}
