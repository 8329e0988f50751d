/**
 * The target Kubernetes version of `slipway check`: which minor versions the checker knows
 * (every version EKS supports, `KUBERNETES.schemaRelease`), how a user may write one, and
 * the default when none is given.
 */
import { SlipwayError } from "../errors.js";
import { KUBERNETES } from "../versions.js";
import { schemaVersions } from "./schema/kubernetes-schema-bundle.js";

/** Target when neither `--k8s-version` nor a Slipway spec names one: the newest EKS version. */
export const DEFAULT_CHECK_KUBERNETES_VERSION: string = KUBERNETES.newestCheckerVersion;

/**
 * `1.34`, `v1.34`, `1.34.2` and `v1.34.2` all mean minor 1.34 (schemas differ between
 * minors, not patches). Anything else, or a minor the checker has no schemas for, is a
 * usage error listing the versions it knows.
 */
export function parseKubernetesVersion(input: string, where = "--k8s-version"): string {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(input.trim());
  const known = schemaVersions();
  if (match === null) {
    throw new SlipwayError("USAGE", `"${input}" is not a Kubernetes version`, {
      where,
      fix: `write MAJOR.MINOR, optionally with a v prefix or a patch (1.34, v1.34, 1.34.2); known versions: ${known.join(", ")}`,
    });
  }
  // Leading zeros (`1.034`) are normalised the way Kubernetes prints versions.
  const minor = `${Number(match[1])}.${Number(match[2])}`;
  if (KUBERNETES.schemaRelease[minor] === undefined) {
    throw new SlipwayError("USAGE", `no schemas for Kubernetes ${minor}`, {
      where,
      fix: `use ${where === "--k8s-version" ? "--k8s-version " : ""}${known.join(", ")} (the versions EKS supports); a newer one needs its release in KUBERNETES.schemaRelease (src/versions.ts) and npx tsx scripts/generate-kubernetes-schemas.ts`,
    });
  }
  return minor;
}
