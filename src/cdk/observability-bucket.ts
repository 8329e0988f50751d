/**
 * An S3 bucket for Loki chunks or Tempo traces: encrypted (SSE-S3), TLS-only, public
 * access blocked, server access logs to the platform's log bucket, objects expired a
 * day after the component's own retention (the component deletes first; the lifecycle
 * rule is the safety net) and incomplete uploads aborted.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

export interface ObservabilityBucketProps {
  readonly bucketName: string;
  /** Days the component keeps data; objects expire one day later. */
  readonly retentionDays: number;
  readonly accessLogsBucket: s3.IBucket;
}

export class ObservabilityBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ObservabilityBucketProps) {
    super(scope, id);
    this.bucket = new aws.s3.Bucket(this, "Bucket", {
      bucketName: props.bucketName,
      encryption: aws.s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: aws.s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: aws.s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: `${props.bucketName}/`,
      lifecycleRules: [
        { id: "expire-after-retention", expiration: aws.core.Duration.days(props.retentionDays + 1) },
        { id: "abort-incomplete-uploads", abortIncompleteMultipartUploadAfter: aws.core.Duration.days(1) },
      ],
      removalPolicy: aws.core.RemovalPolicy.RETAIN,
    });
  }
}

/** Whole days in a Go duration such as `744h` or `30m` (rounded up, at least 1). */
export function durationDays(duration: string): number {
  const units: Record<string, number> = { ms: 1 / 3_600_000, s: 1 / 3600, m: 1 / 60, h: 1 };
  let hours = 0;
  for (const match of duration.matchAll(/([0-9]+)(ms|s|m|h)/g)) hours += Number(match[1]) * (units[match[2]!] ?? 0);
  return Math.max(1, Math.ceil(hours / 24));
}
