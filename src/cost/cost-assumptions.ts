/**
 * Volumes the estimate cannot know from the spec, stated in every estimate's assumptions.
 * They are deliberately round and small: a platform with real traffic replaces them with
 * its own figures, and the lines they price say which they are.
 */
export const HOURS_PER_MONTH = 730;

export const ASSUMED = {
  /** GB a month all NAT gateways together process (image pulls, AWS APIs, egress). */
  natProcessedGb: 100,
  /** Load balancer capacity units each ALB uses on average per hour. */
  albLcuPerHour: 1,
  /** GB held in the Loki and Tempo buckets and in the access-logs bucket. */
  s3Gb: { loki: 50, tempo: 20, accessLogs: 5 },
  /** GB a month of EKS control-plane logs (all types enabled) and of VPC flow logs (rejected traffic). */
  controlPlaneLogsGb: 10,
  flowLogsGb: 2,
  /** GB stored per ECR repository. */
  ecrGbPerRepository: 1,
  /** Provisioned IOPS of an io2 root volume (the EC2NodeClass sets none). */
  io2Iops: 3000,
} as const;

export function assumptionLines(): string[] {
  return [
    `a month is ${HOURS_PER_MONTH} hours; prices are on-demand list prices without free tier, savings plans or taxes`,
    `NAT gateways process ${ASSUMED.natProcessedGb} GB a month in total; data transfer out to the internet is not priced`,
    `each ALB uses ${ASSUMED.albLcuPerHour} LCU per hour on average`,
    `S3 holds ${ASSUMED.s3Gb.loki} GB of Loki chunks, ${ASSUMED.s3Gb.tempo} GB of Tempo traces and ${ASSUMED.s3Gb.accessLogs} GB of access logs (Standard class; requests not priced)`,
    `CloudWatch Logs ingests ${ASSUMED.controlPlaneLogsGb} GB a month of control-plane logs and ${ASSUMED.flowLogsGb} GB of VPC flow logs, and stores one month of them`,
    `each ECR repository stores ${ASSUMED.ecrGbPerRepository} GB`,
    `io2 root volumes have ${ASSUMED.io2Iops} provisioned IOPS; gp3 volumes stay within their free 3,000 IOPS and 125 MB/s`,
  ];
}
