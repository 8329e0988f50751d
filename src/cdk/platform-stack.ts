/**
 * The platform's AWS side in one stack, every physical name from the GitOps bridge
 * (src/platform-spec/names.ts) so the Argo CD repository written in the same `slipway synth`
 * refers to exactly these resources.
 *
 * The stack has an explicit account and region and its availability zones are named
 * here: synthesis performs no lookups, needs no credentials and no network.
 */
import { aws } from "./aws-cdk-lib.js";
import { addonEnabled } from "../gitops/addons/catalog.js";
import type { StackProps } from "aws-cdk-lib/core";
import type { Construct } from "constructs";
import { platformNames, type PlatformNames } from "../platform-spec/names.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { EKS_ADDONS } from "../versions.js";
import { AccessLogsBucket } from "./access-logs-bucket.js";
import { ArgoCdCapability } from "./argocd-capability.js";
import { ArgoCdCertificate } from "./argocd-certificate.js";
import { availabilityZoneNames } from "./availability-zones.js";
import { ContainerRegistries } from "./container-registries.js";
import { GitHubActionsOidc } from "./github-actions-oidc.js";
import { githubActionsRoles } from "./github-actions-roles.js";
import { KarpenterInfrastructure } from "./karpenter-infrastructure.js";
import { ManagedAddons } from "./managed-addons.js";
import { ManagedNodeGroup } from "./managed-node-group.js";
import { NodeRole } from "./node-role.js";
import { durationDays, ObservabilityBucket } from "./observability-bucket.js";
import { PlatformCluster } from "./platform-cluster.js";
import { PlatformVpc } from "./platform-vpc.js";
import { SecretsEncryptionKey } from "./secrets-encryption-key.js";
import { WorkloadIdentities } from "./workload-identities.js";

export interface PlatformStackProps extends StackProps {
  readonly spec: PlatformSpec;
  /** @default platformNames(spec) */
  readonly names?: PlatformNames;
}

/** CloudFormation stack name of a platform. */
export function platformStackName(spec: PlatformSpec): string {
  return `${spec.cluster.name}-platform`;
}

export class PlatformStack extends aws.core.Stack {
  readonly names: PlatformNames;
  readonly vpc: PlatformVpc;
  readonly cluster: PlatformCluster;
  readonly addons: ManagedAddons;
  readonly nodeGroups: readonly ManagedNodeGroup[];
  readonly karpenter?: KarpenterInfrastructure;
  readonly identities: WorkloadIdentities;
  readonly registries: ContainerRegistries;
  readonly githubActions?: GitHubActionsOidc;
  /** The public hosts' ACM certificate; none in eks-capability mode without Grafana or application hosts. */
  readonly certificate?: ArgoCdCertificate;
  readonly argocdCapability?: ArgoCdCapability;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    const { spec } = props;
    const names = props.names ?? platformNames(spec);
    super(scope, id, {
      description: `Slipway platform ${names.clusterName}: VPC, EKS, add-on identities, Karpenter, ECR, CI access`,
      ...props,
      env: { account: names.account, region: names.region },
    });
    this.names = names;
    this.zones = availabilityZoneNames(names.region, spec.cluster.availabilityZones);
    const discoveryTag = { key: names.karpenter.discoveryTagKey, value: names.karpenter.discoveryTagValue };

    this.vpc = new PlatformVpc(this, "Network", {
      vpcName: names.vpcName,
      cidr: spec.cluster.vpcCidr,
      availabilityZones: this.zones,
      natGateways: spec.cluster.natGateways,
      discoveryTag,
    });
    const secretsKey = new SecretsEncryptionKey(this, "SecretsEncryption", { clusterName: names.clusterName });
    this.cluster = new PlatformCluster(this, "Eks", {
      clusterName: names.clusterName,
      kubernetesVersion: spec.cluster.kubernetesVersion,
      vpc: this.vpc.vpc,
      publicAccessCidrs: spec.cluster.publicAccessCidrs,
      secretsEncryptionKey: secretsKey.key,
      discoveryTag,
      adminRoleArn: spec.cluster.adminRoleArn,
    });
    const cluster = this.cluster.cluster;
    const clusterNameRef = cluster.clusterName;

    this.addons = new ManagedAddons(this, "Addons", {
      clusterName: clusterNameRef,
      versions: EKS_ADDONS.versions[spec.cluster.kubernetesVersion],
      names,
    });
    const nodeRole = new NodeRole(this, "ManagedNodeRole", { description: `Managed node groups of ${names.clusterName}`, partition: names.partition });
    this.nodeGroups = Object.entries(spec.nodeGroups)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, group]) => {
        const nodeGroup = new ManagedNodeGroup(this, `NodeGroup-${name}`, { cluster, clusterName: names.clusterName, name, spec: group, nodeRole: nodeRole.role });
        for (const addon of this.addons.beforeNodes) nodeGroup.nodegroup.node.addDependency(addon);
        for (const addon of this.addons.afterNodes) addon.node.addDependency(nodeGroup.nodegroup);
        return nodeGroup;
      });

    if (addonEnabled(spec, "karpenter")) this.karpenter = new KarpenterInfrastructure(this, "Karpenter", { cluster, names });

    const accessLogs = new AccessLogsBucket(this, "AccessLogs");
    const loki = new ObservabilityBucket(this, "LokiStorage", {
      bucketName: names.buckets.loki,
      retentionDays: durationDays(spec.monitoring.logRetention),
      accessLogsBucket: accessLogs.bucket,
    });
    const tempo = new ObservabilityBucket(this, "TempoStorage", {
      bucketName: names.buckets.tempo,
      retentionDays: durationDays(spec.monitoring.traceRetention),
      accessLogsBucket: accessLogs.bucket,
    });
    this.identities = new WorkloadIdentities(this, "Identities", { clusterName: clusterNameRef, names, lokiBucket: loki.bucket, tempoBucket: tempo.bucket });

    this.registries = new ContainerRegistries(this, "Registries", { repositories: names.ecrRepositories });
    const ciRoles = githubActionsRoles(spec, names);
    if (ciRoles.length > 0) {
      this.githubActions = new GitHubActionsOidc(this, "GitHubActions", {
        roles: ciRoles,
        branch: spec.gitops.targetRevision,
        ecrRepositories: this.registries.repositories,
        ecrRepositoryPrefix: `${names.clusterName}/`,
      });
    }

    if (spec.argocd.mode === "eks-capability") {
      this.argocdCapability = new ArgoCdCapability(this, "ArgoCdCapability", {
        clusterName: clusterNameRef,
        roleName: names.argocdCapabilityRoleName,
        namespace: names.namespaces.argocd,
        region: names.region,
        argocd: spec.argocd,
      });
    }

    const publicHosts = [spec.monitoring.grafana.host, ...Object.values(spec.applications).map((app) => app.host)].filter(
      (host): host is string => host !== undefined,
    );
    if (spec.argocd.mode === "eks-capability") {
      // The managed Argo CD is served by AWS at its own URL: no load balancer of the cluster serves argocdHost.
      const [first, ...others] = [...new Set(publicHosts)].sort();
      if (first !== undefined) this.certificate = new ArgoCdCertificate(this, "PublicHostsCertificate", { host: first, alternativeHosts: others });
    } else {
      this.certificate = new ArgoCdCertificate(this, "ArgoCdCertificate", { host: names.argocdHost, alternativeHosts: publicHosts });
    }

    this.outputs();
  }

  /** Concrete zone names: no `availability-zones` context lookup at synth time. */
  override get availabilityZones(): string[] {
    return this.zones;
  }

  /** What exists only after deployment (endpoint, certificate ARN), for people and scripts. */
  private outputs(): void {
    const output = (id: string, value: string, description: string) => new aws.core.CfnOutput(this, id, { value, description });
    output("ClusterName", this.cluster.cluster.clusterName, "EKS cluster name");
    output("ClusterEndpoint", this.cluster.cluster.clusterEndpoint, "Kubernetes API endpoint");
    output("ClusterSecurityGroupId", this.cluster.cluster.clusterSecurityGroupId, "EKS-managed cluster security group");
    if (this.certificate !== undefined) {
      if (this.argocdCapability) output("PublicHostsCertificateArn", this.certificate.certificate.certificateArn, "ACM certificate of the Grafana and application hosts");
      else output("ArgoCdCertificateArn", this.certificate.certificate.certificateArn, "ACM certificate of the Argo CD host");
    }
    // One output, not one per role: a stack has at most 200 outputs, and each workflow names its role.
    if (this.githubActions) output("GitHubActionsRoleArn", this.githubActions.roles[0]!.roleArn, this.githubActions.roles.length === 1 ? "Role GitHub Actions assumes to push images" : `First of the ${this.githubActions.roles.length} roles GitHub Actions assumes to push images (each workflow names its own)`);
    if (this.argocdCapability) output("ArgoCdCapabilityRoleArn", this.argocdCapability.role.roleArn, "Role of the EKS managed Argo CD capability (slipway bootstrap grants it cluster access)");
    if (this.karpenter) output("KarpenterInterruptionQueueUrl", this.karpenter.interruptionQueue.queueUrl, "Karpenter interruption queue");
  }
}
