/**
 * The availability zones of each region, decided without asking AWS.
 *
 * A stack with an explicit account and region would otherwise look its zones up
 * (a context provider call that needs credentials and network at synth time), and the
 * spec can refuse a region, or a zone count, the region does not have before anything is
 * written (`eu-westt-1`, or 4 zones in eu-west-1, would otherwise fail at `cdk deploy`).
 *
 * Source: AWS documentation, "Regions and Zones" of the Amazon EC2 User Guide
 * (docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html) and
 * the AWS Global Infrastructure region list, with docs.amazonaws.cn for the China regions;
 * recorded on AVAILABILITY_ZONES_CHECKED without a live look-up (this machine reaches only
 * package registries). Letters are those a new account is offered: zone letters map to
 * physical zones per account, and a few regions keep an older zone from new accounts
 * (ap-northeast-1b, ca-central-1c, us-west-1's third). A region AWS opens later is refused
 * until it is added here; `availability-zones.test.ts` checks every entry against
 * aws-cdk-lib's own region table.
 */
import { SlipwayError } from "../errors.js";
import { closeMatches } from "../charts/nearest-key.js";

export const AVAILABILITY_ZONES_CHECKED = "2026-11-30";

const ABC = ["a", "b", "c"] as const;

/** Zone letters of each region Slipway can place a platform in. */
export const REGION_ZONE_LETTERS: Readonly<Record<string, readonly string[]>> = {
  "af-south-1": ABC,
  "ap-east-1": ABC,
  "ap-east-2": ABC,
  "ap-northeast-1": ["a", "c", "d"],
  "ap-northeast-2": ["a", "b", "c", "d"],
  "ap-northeast-3": ABC,
  "ap-south-1": ABC,
  "ap-south-2": ABC,
  "ap-southeast-1": ABC,
  "ap-southeast-2": ABC,
  "ap-southeast-3": ABC,
  "ap-southeast-4": ABC,
  "ap-southeast-5": ABC,
  "ap-southeast-6": ABC,
  "ap-southeast-7": ABC,
  "ca-central-1": ["a", "b", "d"],
  "ca-west-1": ABC,
  "cn-north-1": ["a", "b", "d"],
  "cn-northwest-1": ABC,
  "eu-central-1": ABC,
  "eu-central-2": ABC,
  "eu-north-1": ABC,
  "eu-south-1": ABC,
  "eu-south-2": ABC,
  "eu-west-1": ABC,
  "eu-west-2": ABC,
  "eu-west-3": ABC,
  "il-central-1": ABC,
  "me-central-1": ABC,
  "me-south-1": ABC,
  "mx-central-1": ABC,
  "sa-east-1": ABC,
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
  "us-east-2": ABC,
  "us-gov-east-1": ABC,
  "us-gov-west-1": ABC,
  "us-west-1": ["a", "c"],
  "us-west-2": ["a", "b", "c", "d"],
};

export interface AvailabilityZoneProblem {
  readonly path: readonly string[];
  readonly message: string;
}

/** Why the spec's region or zone count cannot be placed, at the field to change; none when both fit. */
export function availabilityZoneProblems(region: string, count: number): AvailabilityZoneProblem[] {
  const letters = Object.hasOwn(REGION_ZONE_LETTERS, region) ? REGION_ZONE_LETTERS[region] : undefined;
  if (letters === undefined) {
    const close = closeMatches(region, Object.keys(REGION_ZONE_LETTERS));
    return [
      {
        path: ["aws", "region"],
        message: `${region} is not an AWS region Slipway knows the availability zones of${close.length > 0 ? `; did you mean ${close.join(", ")}?` : ""} (known: ${Object.keys(REGION_ZONE_LETTERS).join(", ")}; a region AWS opened after ${AVAILABILITY_ZONES_CHECKED} goes into src/cdk/availability-zones.ts with its zones from the AWS documentation)`,
      },
    ];
  }
  if (count <= letters.length) return [];
  return [
    {
      path: ["cluster", "availabilityZones"],
      message: `${region} has ${letters.length} availability zones (${zoneNames(region, letters).join(", ")}), not ${count}; set cluster.availabilityZones to ${letters.length} or less`,
    },
  ];
}

function zoneNames(region: string, letters: readonly string[]): string[] {
  return letters.map((letter) => `${region}${letter}`);
}

/** The first `count` zones of `region`; the spec has refused a region or count that does not fit (availabilityZoneProblems). */
export function availabilityZoneNames(region: string, count: number): string[] {
  const [problem] = availabilityZoneProblems(region, count);
  const letters = REGION_ZONE_LETTERS[region];
  if (problem !== undefined || letters === undefined) {
    const where = problem?.path.join(".") ?? "aws.region";
    throw new SlipwayError("SPEC_INVALID", `the platform spec is invalid (1 problem); nothing was written`, {
      where,
      problems: [`${where}: ${problem?.message ?? `${region} is not a region of src/cdk/availability-zones.ts`}`],
      fix: letters === undefined ? "use a region src/cdk/availability-zones.ts lists" : `set cluster.availabilityZones to ${letters.length} or less`,
    });
  }
  return zoneNames(region, letters.slice(0, count));
}
