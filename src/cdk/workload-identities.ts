/**
 * Pod Identity roles of the in-cluster add-ons that call AWS (the VPC CNI, EBS CSI driver
 * and Karpenter roles live with their add-on): AWS Load Balancer Controller, External
 * Secrets (read-only, below the platform's secrets prefix), Loki and Tempo (each only its
 * own bucket). cert-manager gets none: the spec has no Route 53 zone, so no DNS-01
 * validation runs in the cluster (the Argo CD certificate is ACM's, validated by DNS).
 */
import { aws } from "./aws-cdk-lib.js";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { PlatformNames } from "../platform-spec/names.js";
import { awsLoadBalancerControllerStatements } from "./aws-load-balancer-controller-policy.js";
import { acknowledgeFindings, wildcardResourceFindings } from "./nag-acknowledgements.js";
import { PodIdentityRole } from "./pod-identity-role.js";

export interface WorkloadIdentitiesProps {
  /** The cluster's name as a reference, so associations wait for the cluster. */
  readonly clusterName: string;
  readonly names: PlatformNames;
  readonly lokiBucket: s3.IBucket;
  readonly tempoBucket: s3.IBucket;
}

export class WorkloadIdentities extends Construct {
  readonly awsLoadBalancerController: PodIdentityRole;
  readonly externalSecrets: PodIdentityRole;
  readonly loki: PodIdentityRole;
  readonly tempo: PodIdentityRole;
  private readonly clusterName: string;

  constructor(scope: Construct, id: string, props: WorkloadIdentitiesProps) {
    super(scope, id);
    const { clusterName, names } = props;
    this.clusterName = clusterName;
    const loadBalancerStatements = awsLoadBalancerControllerStatements(names.partition);
    this.awsLoadBalancerController = new PodIdentityRole(this, "AwsLoadBalancerController", {
      clusterName,
      identity: names.identities.awsLoadBalancerController,
      statements: loadBalancerStatements,
    });
    acknowledgeFindings(
      this.awsLoadBalancerController.role,
      wildcardResourceFindings(loadBalancerStatements),
      "Upstream AWS Load Balancer Controller policy: load balancers, target groups and security groups are created at run time with generated names; mutations are limited by the elbv2.k8s.aws/cluster tag condition.",
    );

    const secretsStatements = [
      new aws.iam.PolicyStatement({
        sid: "ReadPlatformSecrets",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds", "secretsmanager:GetResourcePolicy"],
        resources: [`arn:${names.partition}:secretsmanager:${names.region}:${names.account}:secret:${names.secrets.prefix}*`],
      }),
    ];
    this.externalSecrets = new PodIdentityRole(this, "ExternalSecrets", {
      clusterName,
      identity: names.identities.externalSecrets,
      statements: secretsStatements,
    });
    acknowledgeFindings(
      this.externalSecrets.role,
      wildcardResourceFindings(secretsStatements),
      `Read-only access to the secrets below the platform prefix ${names.secrets.prefix}; Secrets Manager appends a random suffix to every secret ARN, so the prefix needs a trailing wildcard.`,
    );

    this.loki = this.bucketIdentity("Loki", names.identities.loki, props.lokiBucket);
    this.tempo = this.bucketIdentity("Tempo", names.identities.tempo, props.tempoBucket);
  }

  private bucketIdentity(id: string, identity: PlatformNames["identities"]["loki"], bucket: s3.IBucket): PodIdentityRole {
    const role = new PodIdentityRole(this, id, {
      clusterName: this.clusterName,
      identity,
      statements: [
        new aws.iam.PolicyStatement({ sid: "ListBucket", actions: ["s3:ListBucket"], resources: [bucket.bucketArn] }),
        new aws.iam.PolicyStatement({
          sid: "ReadWriteObjects",
          actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          resources: [bucket.arnForObjects("*")],
        }),
      ],
    });
    const bucketLogicalId = aws.core.Stack.of(bucket).resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
    acknowledgeFindings(
      role.role,
      [`AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`],
      `${id} reads and writes objects with generated keys in its own bucket only (${bucket.node.path}).`,
    );
    return role;
  }
}
