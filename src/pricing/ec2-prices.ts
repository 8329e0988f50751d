/**
 * Hourly EC2 prices (Linux, shared tenancy, USD) of the instance types the spec can name,
 * per region, for the local Karpenter's instance types (what it weighs when it picks an
 * offering) and for cost estimates.
 *
 * Sources, per region (each entry names its own):
 * - us-east-1: Karpenter's own static table, `pkg/providers/pricing/zz_generated.pricing_aws.go`
 *   of github.com/aws/karpenter-provider-aws v1.14.1 (the pinned Karpenter), generated from
 *   the AWS Price List API at 2026-07-06T14:20:29Z. Karpenter ships no other region.
 * - eu-west-1 (the reference platform's region): the AWS "Amazon EC2 On-Demand Pricing" page
 *   (https://aws.amazon.com/ec2/pricing/on-demand/), Europe (Ireland), as recorded on
 *   2026-11-30 without a live look-up (this machine reaches only package registries).
 *   Sixth-generation Intel families cost what their fifth-generation predecessors cost
 *   (m6i = m5, c6i = c5, r6i = r5), seventh-generation ones 5% more, as in us-east-1.
 *
 * Spot prices are an ASSUMPTION, not data: 70% of on-demand in every zone, the factor
 * Karpenter's kwok tooling uses (`kwok/tools/gen_instance_types.go`). Real spot prices
 * differ per zone and move with demand (often 55–75% below on-demand for these families);
 * the ratio only has to keep spot cheaper than on-demand for Karpenter's choices to match.
 */
import { SlipwayError } from "../errors.js";

export interface RegionPrices {
  /** Where the figures come from, with its date. */
  readonly source: string;
  /** On-demand USD per hour by instance type. */
  readonly onDemand: Readonly<Record<string, number>>;
}

export const EC2_PRICES_CHECKED = "2026-11-30";

/** Spot price as a share of on-demand (see the header: an assumption, as upstream's kwok tooling makes it). */
export const SPOT_PRICE_RATIO = 0.7;

export const EC2_ON_DEMAND_PRICES: Readonly<Record<string, RegionPrices>> = {
  "eu-west-1": {
    source: "aws.amazon.com/ec2/pricing/on-demand, Europe (Ireland), Linux, recorded 2026-11-30 (not looked up live)",
    onDemand: {
      "t3.medium": 0.0456,
      "t3.large": 0.0912,
      "m6i.large": 0.107,
      "m6i.xlarge": 0.214,
      "m6i.2xlarge": 0.428,
      "m6i.4xlarge": 0.856,
      "m7i.large": 0.11235,
      "m7i.xlarge": 0.2247,
      "m7i.2xlarge": 0.4494,
      "m7i.4xlarge": 0.8988,
      "c6i.large": 0.096,
      "c6i.xlarge": 0.192,
      "c6i.2xlarge": 0.384,
      "c6i.4xlarge": 0.768,
      "c7i.large": 0.1008,
      "c7i.xlarge": 0.2016,
      "c7i.2xlarge": 0.4032,
      "c7i.4xlarge": 0.8064,
      "r6i.large": 0.141,
      "r6i.xlarge": 0.282,
      "r6i.2xlarge": 0.564,
      "r6i.4xlarge": 1.128,
    },
  },
  "us-east-1": {
    source: "github.com/aws/karpenter-provider-aws v1.14.1 pkg/providers/pricing/zz_generated.pricing_aws.go, generated 2026-07-06T14:20:29Z from the AWS Price List API",
    onDemand: {
      "t3.medium": 0.0416,
      "t3.large": 0.0832,
      "m6i.large": 0.096,
      "m6i.xlarge": 0.192,
      "m6i.2xlarge": 0.384,
      "m6i.4xlarge": 0.768,
      "m7i.large": 0.1008,
      "m7i.xlarge": 0.2016,
      "m7i.2xlarge": 0.4032,
      "m7i.4xlarge": 0.8064,
      "c6i.large": 0.085,
      "c6i.xlarge": 0.17,
      "c6i.2xlarge": 0.34,
      "c6i.4xlarge": 0.68,
      "c7i.large": 0.08925,
      "c7i.xlarge": 0.1785,
      "c7i.2xlarge": 0.357,
      "c7i.4xlarge": 0.714,
      "r6i.large": 0.126,
      "r6i.xlarge": 0.252,
      "r6i.2xlarge": 0.504,
      "r6i.4xlarge": 1.008,
    },
  },
};

export type CapacityType = "on-demand" | "spot";

/**
 * USD per hour of `instanceType` in `region`. `where` is the spec field that named the
 * type (or region), for the error when the table has no price.
 */
export function hourlyPrice(region: string, instanceType: string, capacityType: CapacityType, where: string): number {
  const prices = EC2_ON_DEMAND_PRICES[region];
  if (prices === undefined) {
    throw new SlipwayError("PRICE_UNKNOWN", `no EC2 prices are known for region ${region}`, {
      where: "aws.region",
      fix: `use one of ${Object.keys(EC2_ON_DEMAND_PRICES).join(", ")}, or add ${region}'s on-demand prices with their source to src/pricing/ec2-prices.ts`,
    });
  }
  const onDemand = prices.onDemand[instanceType];
  if (onDemand === undefined) {
    throw new SlipwayError("PRICE_UNKNOWN", `no EC2 price is known for ${instanceType} in ${region}`, {
      where,
      fix: `use an instance type priced in ${region} (${Object.keys(prices.onDemand).join(", ")}), or add its on-demand price with its source to src/pricing/ec2-prices.ts`,
    });
  }
  // Rounded to a hundredth of a cent so the generated file does not carry float noise.
  return capacityType === "on-demand" ? onDemand : Math.round(onDemand * SPOT_PRICE_RATIO * 1e6) / 1e6;
}
