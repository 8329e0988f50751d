/**
 * Folders of upstream CRDs for tests. ../shared/crds holds unmodified upstream CRDs, but
 * Karpenter's chart folder upstream is made of symlinks, so its files there are only the
 * link targets' paths. Karpenter's real CRDs come from the Go module of the Karpenter
 * version the platform pins (src/tools/go-module-crds.ts).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ADDON_CRD_MODULES, goModuleCrdDirectory } from "../../src/tools/go-module-crds.js";
import { SHARED_CRDS_DIR } from "./paths.js";

/** Every add-on CRD folder: ../shared/crds/* (Karpenter's replaced by its Go module's). */
export async function upstreamCrdDirectories(): Promise<string[]> {
  const shared = readdirSync(SHARED_CRDS_DIR)
    .filter((name) => name !== "karpenter" && statSync(join(SHARED_CRDS_DIR, name)).isDirectory())
    .sort()
    .map((name) => join(SHARED_CRDS_DIR, name));
  return [...shared, await goModuleCrdDirectory(ADDON_CRD_MODULES.karpenter!)];
}
