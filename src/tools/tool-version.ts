/**
 * Versions of the command-line tools as they print them (`v1.35.2`, `v4.1.4+g05fa379`,
 * `{Version:kustomize/v4.5.7 ...}`), and the half-open ranges of src/versions.ts
 * (`atLeast` included, `below` excluded) they are compared against.
 */
import { compareVersions } from "../compare-versions.js";

export interface VersionRange {
  readonly atLeast: string;
  readonly below: string;
}

/** The first `MAJOR.MINOR.PATCH` in the text, as `vMAJOR.MINOR.PATCH`; pre-release and build suffixes are dropped. */
export function findVersion(text: string): string | undefined {
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  return match === null ? undefined : `v${match[1]}.${match[2]}.${match[3]}`;
}

export function isInRange(version: string, range: VersionRange): boolean {
  return compareVersions(version, range.atLeast) >= 0 && compareVersions(version, range.below) < 0;
}

export function describeRange(range: VersionRange): string {
  return `>= ${range.atLeast} and < ${range.below}`;
}
