/**
 * The bucket S3 server access logs of the platform's buckets go to (it does not log to
 * itself: that would loop; cdk-nag's S1 rule exempts log targets).
 */
import { aws } from "./aws-cdk-lib.js";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

export interface AccessLogsBucketProps {
  /** Days access logs are kept. @default 90 */
  readonly retentionDays?: number;
}

export class AccessLogsBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogsBucketProps = {}) {
    super(scope, id);
    this.bucket = new aws.s3.Bucket(this, "Bucket", {
      // S3 log delivery supports SSE-S3 only on the target bucket.
      encryption: aws.s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: aws.s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: aws.s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: "expire-access-logs", expiration: aws.core.Duration.days(props.retentionDays ?? 90) }],
      removalPolicy: aws.core.RemovalPolicy.RETAIN,
    });
  }
}
