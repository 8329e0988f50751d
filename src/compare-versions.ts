/**
 * The order of release versions, as upstream numbers them: Kubernetes (`1.35`, `v1.35.2`),
 * the add-ons (`v0.17.0`) and the command-line tools (`v4.1.4`). Dotted numbers with an
 * optional leading `v`, compared part by part as numbers (`1.9` < `1.26`); a missing part
 * counts as 0 (`1.35` = `1.35.0`). A pre-release or build suffix (`-rc.1`, `+g05fa379`)
 * is ignored: a release candidate of 1.36 already lacks what 1.36 removes, and a tool
 * built from a tagged commit is that version.
 *
 * Not Kubernetes API versions: `v1beta1` < `v1` < `v2alpha1` is another order, with its own
 * name, `compareApiVersions` (src/check/schema/validate-schemas.ts).
 */

const RELEASE_VERSION = /^v?(\d+(?:\.\d+)*)(?:[-+].*)?$/;

/** -1, 0 or 1 as `left` is older than, the same release as, or newer than `right`; throws on text that is not a version. */
export function compareVersions(left: string, right: string): -1 | 0 | 1 {
  const a = versionParts(left);
  const b = versionParts(right);
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return 0;
}

function versionParts(version: string): number[] {
  const match = RELEASE_VERSION.exec(version.trim());
  // Callers pass versions from Slipway's own tables or parsed tool output: anything else is a bug.
  if (match === null) throw new Error(`not a release version: ${JSON.stringify(version)}`);
  return match[1]!.split(".").map(Number);
}
