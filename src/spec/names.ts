/**
 * The GitOps bridge: every name both sides of the platform must agree on, derived once
 * from the spec. The CDK app creates resources with exactly these physical names and
 * the GitOps repository refers to them, so no ARN, bucket or queue name is ever copied
 * by hand and neither side can drift from the other.
 *
 * Names are physical (not CDK-generated) on purpose: Argo CD values are plain files
 * written at synth time, before CloudFormation has created anything.
 */
import type { PlatformSpec } from "./schema.js";

/** A Kubernetes service account that gets AWS permissions through EKS Pod Identity. */
export interface WorkloadIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleName: string;
  readonly roleArn: string;
}

export type WorkloadIdentityName =
  | "awsLoadBalancerController"
  | "karpenter"
  | "externalSecrets"
  | "ebsCsiDriver"
  | "vpcCni"
  | "loki"
  | "tempo"
  | "certManager";

export interface PlatformNames {
  readonly clusterName: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** Namespaces the add-ons are installed in. */
  readonly namespaces: {
    readonly argocd: string;
    readonly system: string;
    readonly externalSecrets: string;
    readonly certManager: string;
    readonly argoRollouts: string;
    readonly monitoring: string;
  };
  readonly identities: Readonly<Record<WorkloadIdentityName, WorkloadIdentity>>;
  readonly karpenter: {
    /** IAM role of Karpenter-launched nodes (EC2NodeClass `role`). */
    readonly nodeRoleName: string;
    readonly interruptionQueueName: string;
    /** Tag on private subnets and the node security group that EC2NodeClass selects on. */
    readonly discoveryTagKey: string;
    readonly discoveryTagValue: string;
  };
  readonly buckets: { readonly loki: string; readonly tempo: string };
  /** Secrets Manager names (the platform may read only below `secretsPrefix`). */
  readonly secrets: {
    readonly prefix: string;
    readonly grafanaAdmin: string;
    readonly alertmanagerSlackWebhook: string;
    /** Per application: its secret names, by environment variable. */
    readonly applications: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
  /** ECR repository URI per application. */
  readonly ecrRepositories: Readonly<Record<string, { readonly name: string; readonly uri: string }>>;
  readonly githubActionsRoleName: string;
  /** `Name` tag of the VPC; the AWS Load Balancer Controller finds the VPC by it (pods cannot reach IMDS). */
  readonly vpcName: string;
  readonly argocdHost: string;
}

/** Namespaces the platform's add-ons are installed in; tenants may not use them. */
export const PLATFORM_NAMESPACES = {
  argocd: "argocd",
  system: "kube-system",
  externalSecrets: "external-secrets",
  certManager: "cert-manager",
  argoRollouts: "argo-rollouts",
  monitoring: "monitoring",
} as const;

export function platformNames(spec: PlatformSpec): PlatformNames {
  const clusterName = spec.cluster.name;
  const { account, region } = spec.aws;
  const partition = region.startsWith("cn-") ? "aws-cn" : region.includes("-gov-") ? "aws-us-gov" : "aws";
  const roleArn = (roleName: string) => `arn:${partition}:iam::${account}:role/${roleName}`;
  const namespaces = PLATFORM_NAMESPACES;
  const identity = (namespace: string, serviceAccount: string, suffix: string): WorkloadIdentity => {
    const roleName = truncateRoleName(`${clusterName}-${suffix}`);
    return { namespace, serviceAccount, roleName, roleArn: roleArn(roleName) };
  };
  const prefix = spec.secretsPrefix ?? `${clusterName}/`;
  const applications = Object.fromEntries(
    Object.entries(spec.applications).map(([name, app]) => [
      name,
      Object.fromEntries(Object.entries(app.secrets ?? { DATABASE_URL: "database-url" }).map(([variable, key]) => [variable, `${prefix}${name}/${key}`])),
    ]),
  );
  const registry = `${account}.dkr.ecr.${region}.amazonaws.com${partition === "aws-cn" ? ".cn" : ""}`;
  return {
    clusterName,
    account,
    region,
    partition,
    namespaces,
    identities: {
      awsLoadBalancerController: identity(namespaces.system, "aws-load-balancer-controller", "aws-load-balancer-controller"),
      karpenter: identity(namespaces.system, "karpenter", "karpenter-controller"),
      externalSecrets: identity(namespaces.externalSecrets, "external-secrets", "external-secrets"),
      ebsCsiDriver: identity(namespaces.system, "ebs-csi-controller-sa", "ebs-csi-driver"),
      vpcCni: identity(namespaces.system, "aws-node", "vpc-cni"),
      loki: identity(namespaces.monitoring, "loki", "loki"),
      tempo: identity(namespaces.monitoring, "tempo", "tempo"),
      certManager: identity(namespaces.certManager, "cert-manager", "cert-manager"),
    },
    karpenter: {
      nodeRoleName: truncateRoleName(`${clusterName}-karpenter-node`),
      interruptionQueueName: `${clusterName}-karpenter-interruption`.slice(0, 80),
      discoveryTagKey: "karpenter.sh/discovery",
      discoveryTagValue: clusterName,
    },
    buckets: {
      loki: bucketName(`${clusterName}-loki-${account}-${region}`),
      tempo: bucketName(`${clusterName}-tempo-${account}-${region}`),
    },
    secrets: {
      prefix,
      grafanaAdmin: `${prefix}grafana/admin`,
      alertmanagerSlackWebhook: `${prefix}alertmanager/slack-webhook`,
      applications,
    },
    ecrRepositories: Object.fromEntries(
      Object.keys(spec.applications).map((name) => [name, { name: `${clusterName}/${name}`, uri: `${registry}/${clusterName}/${name}` }]),
    ),
    githubActionsRoleName: truncateRoleName(`${clusterName}-github-actions`),
    vpcName: `${clusterName}-vpc`,
    argocdHost: spec.gitops.argocdHost,
  };
}

/** IAM role names are at most 64 characters. */
function truncateRoleName(name: string): string {
  return name.slice(0, 64);
}

/** S3 bucket names are at most 63 lowercase characters. */
function bucketName(name: string): string {
  return name.toLowerCase().slice(0, 63).replace(/-+$/, "");
}
