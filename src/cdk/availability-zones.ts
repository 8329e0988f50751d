/**
 * Availability zone names for a region, decided without asking AWS.
 *
 * A stack with an explicit account and region would otherwise look its zones up
 * (a context provider call that needs credentials and network at synth time). Most
 * regions name their first zones a, b, c; the few that do not are listed here.
 */
import { SlipwayError } from "../errors.js";

/** Regions whose zone letters are not a, b, c, ... for every account. */
const ZONE_LETTERS: Readonly<Record<string, readonly string[]>> = {
  "ap-northeast-1": ["a", "c", "d"],
  "us-west-1": ["a", "c"],
};

const DEFAULT_LETTERS = ["a", "b", "c", "d", "e", "f"] as const;

export function availabilityZoneNames(region: string, count: number): string[] {
  const letters = ZONE_LETTERS[region] ?? DEFAULT_LETTERS;
  if (count > letters.length) {
    throw new SlipwayError("SPEC_INVALID", `region ${region} has only ${letters.length} availability zones Slipway can name, not ${count}`, {
      where: "cluster.availabilityZones",
      fix: `set cluster.availabilityZones to ${letters.length} or less`,
    });
  }
  return letters.slice(0, count).map((letter) => `${region}${letter}`);
}
