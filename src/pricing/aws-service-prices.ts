/**
 * List prices (USD) of the AWS services a Slipway platform uses besides EC2, per region,
 * for `slipway cost`. EC2 instance prices are in ec2-prices.ts.
 *
 * Sources, per region (each entry names its own, with its date):
 * - us-east-1: corroborated on 2026-11-30 against public copies of the AWS pricing pages
 *   (the only reach this machine has): EKS $0.10 per cluster hour in standard support and
 *   $0.60 in extended support (aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing);
 *   ALB $0.0225 per hour and $0.008 per LCU-hour (aws.amazon.com/elasticloadbalancing/pricing,
 *   transcribed 2026-09-20); NAT gateway $0.045 per hour and per GB processed, public IPv4
 *   $0.005 per hour (aws.amazon.com/vpc/pricing as quoted by 2026 pricing guides). EBS, S3,
 *   CloudWatch Logs, ECR and KMS recorded without a live look-up.
 * - eu-west-1 (the reference platform's region): the same AWS pricing pages, Europe
 *   (Ireland), recorded on 2026-11-30 without a live look-up. EKS, ECR, KMS and the public
 *   IPv4 charge cost the same in every commercial region.
 *
 * A region missing here is an error naming `aws.region` and the regions known, never a
 * silent fallback to another region's prices.
 */
import { SlipwayError } from "../errors.js";

export type EbsVolumeType = "gp3" | "gp2" | "io2";

export interface ServicePrices {
  /** Where the figures come from. */
  readonly source: string;
  /** The day they were recorded. */
  readonly date: string;
  /** EKS control plane, per cluster hour. */
  readonly eksClusterHour: { readonly standard: number; readonly extended: number };
  readonly natGatewayHour: number;
  readonly natGatewayPerGb: number;
  /** Every public IPv4 address (a NAT gateway's Elastic IP), per hour. */
  readonly publicIpv4Hour: number;
  readonly albHour: number;
  readonly albLcuHour: number;
  /** EBS storage per GB-month by volume type. */
  readonly ebsGbMonth: Readonly<Record<EbsVolumeType, number>>;
  /** io2 provisioned IOPS per IOPS-month (first 32,000). */
  readonly io2IopsMonth: number;
  /** S3 Standard storage per GB-month (first 50 TB). */
  readonly s3StandardGbMonth: number;
  /** CloudWatch Logs ingestion (standard class) per GB and storage per GB-month. */
  readonly cloudWatchLogsIngestGb: number;
  readonly cloudWatchLogsStorageGbMonth: number;
  /** ECR private repository storage per GB-month. */
  readonly ecrGbMonth: number;
  /** A customer-managed KMS key per month. */
  readonly kmsKeyMonth: number;
}

export const AWS_SERVICE_PRICES: Readonly<Record<string, ServicePrices>> = {
  "eu-west-1": {
    source: "aws.amazon.com pricing pages (EKS, VPC, Elastic Load Balancing, EBS, S3, CloudWatch, ECR, KMS), Europe (Ireland); recorded without a live look-up",
    date: "2026-11-30",
    eksClusterHour: { standard: 0.1, extended: 0.6 },
    natGatewayHour: 0.048,
    natGatewayPerGb: 0.048,
    publicIpv4Hour: 0.005,
    albHour: 0.0252,
    albLcuHour: 0.008,
    ebsGbMonth: { gp3: 0.088, gp2: 0.11, io2: 0.138 },
    io2IopsMonth: 0.072,
    s3StandardGbMonth: 0.023,
    cloudWatchLogsIngestGb: 0.57,
    cloudWatchLogsStorageGbMonth: 0.03,
    ecrGbMonth: 0.1,
    kmsKeyMonth: 1,
  },
  "us-east-1": {
    source:
      "aws.amazon.com pricing pages, US East (N. Virginia): EKS, ALB, NAT gateway and public IPv4 corroborated against public copies of those pages; EBS, S3, CloudWatch Logs, ECR and KMS recorded without a live look-up",
    date: "2026-11-30",
    eksClusterHour: { standard: 0.1, extended: 0.6 },
    natGatewayHour: 0.045,
    natGatewayPerGb: 0.045,
    publicIpv4Hour: 0.005,
    albHour: 0.0225,
    albLcuHour: 0.008,
    ebsGbMonth: { gp3: 0.08, gp2: 0.1, io2: 0.125 },
    io2IopsMonth: 0.065,
    s3StandardGbMonth: 0.023,
    cloudWatchLogsIngestGb: 0.5,
    cloudWatchLogsStorageGbMonth: 0.03,
    ecrGbMonth: 0.1,
    kmsKeyMonth: 1,
  },
};

/** The service prices of `region`, or PRICE_UNKNOWN naming `aws.region` and the regions known. */
export function servicePrices(region: string): ServicePrices {
  const prices = AWS_SERVICE_PRICES[region];
  if (prices === undefined) {
    throw new SlipwayError("PRICE_UNKNOWN", `no AWS service prices are known for region ${region}`, {
      where: "aws.region",
      fix: `use one of ${Object.keys(AWS_SERVICE_PRICES).sort().join(", ")}, or add ${region}'s prices with their source and date to src/pricing/aws-service-prices.ts`,
    });
  }
  return prices;
}
