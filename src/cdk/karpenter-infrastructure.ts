/**
 * What Karpenter needs from AWS: the node role (and its EC2_LINUX access entry so its
 * nodes may join), the controller's Pod Identity role with the upstream policy, and the
 * interruption queue fed by EventBridge rules for spot interruption warnings, rebalance
 * recommendations, instance state changes and scheduled (AWS Health) changes.
 * Discovery tags on subnets and the node security group are set where those are made.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as eks from "aws-cdk-lib/aws-eks-v2";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { PlatformNames } from "../platform-spec/names.js";
import { karpenterControllerStatements } from "./karpenter-controller-policy.js";
import { acknowledgeFindings, wildcardResourceFindings } from "./nag-acknowledgements.js";
import { NodeRole } from "./node-role.js";
import { PodIdentityRole } from "./pod-identity-role.js";

export interface KarpenterInfrastructureProps {
  readonly cluster: eks.ICluster;
  readonly names: PlatformNames;
}

/** EventBridge rules Karpenter's interruption handling consumes. */
export const INTERRUPTION_EVENTS = [
  { id: "SpotInterruption", source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning" },
  { id: "RebalanceRecommendation", source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation" },
  { id: "InstanceStateChange", source: "aws.ec2", detailType: "EC2 Instance State-change Notification" },
  { id: "ScheduledChange", source: "aws.health", detailType: "AWS Health Event" },
] as const;

export class KarpenterInfrastructure extends Construct {
  readonly nodeRole: NodeRole;
  readonly controller: PodIdentityRole;
  readonly interruptionQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: KarpenterInfrastructureProps) {
    super(scope, id);
    const { names, cluster } = props;
    this.nodeRole = new NodeRole(this, "NodeRole", {
      roleName: names.karpenter.nodeRoleName,
      description: `Nodes Karpenter launches for ${names.clusterName}`,
      partition: names.partition,
    });
    new aws.eksV2.AccessEntry(this, "NodeAccessEntry", {
      cluster,
      principal: this.nodeRole.role.roleArn,
      accessEntryType: aws.eksV2.AccessEntryType.EC2_LINUX,
      accessPolicies: [],
    });

    this.interruptionQueue = new aws.sqs.Queue(this, "InterruptionQueue", {
      queueName: names.karpenter.interruptionQueueName,
      retentionPeriod: aws.core.Duration.minutes(5),
      encryption: aws.sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    acknowledgeFindings(
      this.interruptionQueue,
      ["AwsSolutions-SQS3"],
      "Interruption events are only useful within minutes (Karpenter's upstream queue keeps them 5 minutes); a dead-letter queue would hold stale events nobody acts on.",
    );
    for (const event of INTERRUPTION_EVENTS) {
      new aws.events.Rule(this, `${event.id}Rule`, {
        description: `${event.detailType} → Karpenter interruption queue of ${names.clusterName}`,
        eventPattern: { source: [event.source], detailType: [event.detailType] },
        targets: [new aws.eventsTargets.SqsQueue(this.interruptionQueue)],
      });
    }

    const statements = karpenterControllerStatements({
      partition: names.partition,
      region: names.region,
      account: names.account,
      clusterName: names.clusterName,
      nodeRoleName: names.karpenter.nodeRoleName,
      interruptionQueueArn: this.interruptionQueue.queueArn,
    });
    this.controller = new PodIdentityRole(this, "ControllerIdentity", { clusterName: cluster.clusterName, identity: names.identities.karpenter, statements });
    acknowledgeFindings(
      this.controller.role,
      wildcardResourceFindings(statements),
      "Karpenter's upstream controller policy: instances, fleets, volumes and launch templates get generated ids at run time; mutations are limited by the kubernetes.io/cluster/<name> and karpenter.sh/nodepool tag conditions.",
    );
  }
}
