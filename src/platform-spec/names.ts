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
import { githubActionsRoles } from "../cdk/github-actions-roles.js";

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
  /** IAM role of the EKS managed Argo CD capability (argocd.mode eks-capability). */
  readonly argocdCapabilityRoleName: string;
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

/** The AWS partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
export function awsPartition(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.includes("-gov-") ? "aws-us-gov" : "aws";
}

export function platformNames(spec: PlatformSpec): PlatformNames {
  const clusterName = spec.cluster.name;
  const { account, region } = spec.aws;
  const partition = awsPartition(region);
  const roleArn = (roleName: string) => `arn:${partition}:iam::${account}:role/${roleName}`;
  const namespaces = PLATFORM_NAMESPACES;
  const identity = (namespace: string, serviceAccount: string, suffix: string): WorkloadIdentity => {
    const roleName = `${clusterName}-${suffix}`;
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
      nodeRoleName: `${clusterName}-karpenter-node`,
      interruptionQueueName: `${clusterName}-karpenter-interruption`,
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
    githubActionsRoleName: `${clusterName}-github-actions`,
    argocdCapabilityRoleName: `${clusterName}-argocd-capability`,
    vpcName: `${clusterName}-vpc`,
    argocdHost: spec.gitops.argocdHost,
  };
}

/** Limits AWS puts on the physical names above; the spec is refused when one would not fit. */
export const AWS_NAME_LIMITS = { iamRole: 64, s3Bucket: 63, sqsQueue: 80, eksNodegroup: 63 } as const;

/** EKS managed node group name of a spec node group. */
export function nodegroupName(clusterName: string, group: string): string {
  return `${clusterName}-${group}`;
}

export interface NameProblem {
  readonly path: readonly string[];
  readonly message: string;
}

/**
 * Names derived from the cluster name (and node group names) that would exceed an AWS
 * limit. Truncating them instead would make two names equal (the Loki and Tempo buckets
 * differ only after the cluster name), so the spec is refused with the limit and the
 * longest name the cluster may have.
 */
export function physicalNameProblems(spec: PlatformSpec): NameProblem[] {
  const names = platformNames(spec);
  const clusterName = names.clusterName;
  const derived: [string, string, number][] = [
    ...Object.values(names.identities).map((identity): [string, string, number] => ["IAM role", identity.roleName, AWS_NAME_LIMITS.iamRole]),
    ["IAM role", names.karpenter.nodeRoleName, AWS_NAME_LIMITS.iamRole],
    ["IAM role", names.githubActionsRoleName, AWS_NAME_LIMITS.iamRole],
    ["IAM role", names.argocdCapabilityRoleName, AWS_NAME_LIMITS.iamRole],
    ...githubActionsRoles(spec, names).map((role): [string, string, number] => ["IAM role", role.roleName, AWS_NAME_LIMITS.iamRole]),
    ["SQS queue", names.karpenter.interruptionQueueName, AWS_NAME_LIMITS.sqsQueue],
    ["S3 bucket", names.buckets.loki, AWS_NAME_LIMITS.s3Bucket],
    ["S3 bucket", names.buckets.tempo, AWS_NAME_LIMITS.s3Bucket],
  ];
  const problems: NameProblem[] = [];
  const worst = derived.reduce<{ kind: string; name: string; limit: number; over: number } | undefined>((current, [kind, name, limit]) => {
    const over = name.length - limit;
    return over > 0 && (current === undefined || over > current.over) ? { kind, name, limit, over } : current;
  }, undefined);
  if (worst !== undefined) {
    problems.push({
      path: ["cluster", "name"],
      message: `is too long: the ${worst.kind} name "${worst.name}" derived from it has ${worst.name.length} characters and AWS allows ${worst.limit}; use a cluster name of at most ${clusterName.length - worst.over} characters`,
    });
  }
  for (const group of Object.keys(spec.nodeGroups)) {
    const name = nodegroupName(clusterName, group);
    if (name.length > AWS_NAME_LIMITS.eksNodegroup) {
      const room = AWS_NAME_LIMITS.eksNodegroup - clusterName.length - 1;
      // A cluster name that leaves no room for any node group name is the one to shorten.
      const fix = room >= 1 ? `use a node group name of at most ${room} characters` : `the cluster name leaves no room for it: use a cluster name of at most ${AWS_NAME_LIMITS.eksNodegroup - 1 - group.length} characters`;
      problems.push({
        path: ["nodeGroups", group],
        message: `name is too long: the EKS node group "${name}" (cluster name, '-', node group name) has ${name.length} characters and EKS allows ${AWS_NAME_LIMITS.eksNodegroup}; ${fix}`,
      });
    }
  }
  return problems;
}

/** S3 bucket names are lowercase; the spec validation guarantees they fit (AWS_NAME_LIMITS). */
function bucketName(name: string): string {
  return name.toLowerCase();
}
