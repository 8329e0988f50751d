/**
 * The KMS key that envelope-encrypts Kubernetes Secrets in etcd. Rotated yearly by KMS;
 * retained when the stack is deleted so backups of etcd stay readable.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

export interface SecretsEncryptionKeyProps {
  readonly clusterName: string;
}

export class SecretsEncryptionKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: SecretsEncryptionKeyProps) {
    super(scope, id);
    this.key = new aws.kms.Key(this, "Key", {
      alias: `alias/${props.clusterName}-eks-secrets`,
      description: `Envelope encryption of Kubernetes Secrets of EKS cluster ${props.clusterName}`,
      enableKeyRotation: true,
      removalPolicy: aws.core.RemovalPolicy.RETAIN,
    });
  }
}
