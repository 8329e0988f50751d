/**
 * Tests that read ../shared (upstream CRDs and charts beside the repository) skip, with a
 * visible message, when it is absent: a skipped test shows as skipped and says why,
 * instead of failing on a missing folder or passing without having checked anything.
 *
 *     it.skipIf(needsShared("cert-manager's CRD"))("GIVEN …", …)
 */
import { existsSync } from "node:fs";
import { SHARED_CRDS_DIR, SHARED_DIR } from "./paths.js";

export const SHARED_MISSING = !existsSync(SHARED_CRDS_DIR);

/** True (skip) when ../shared is absent, printing which test needs it and why. */
export function needsShared(what: string): boolean {
  if (SHARED_MISSING) console.warn(`SKIPPED: ${what} needs ${SHARED_DIR} (upstream CRDs and charts) beside the repository, which is absent`);
  return SHARED_MISSING;
}
