/** Paths tests share: the repository root and the read-only ../shared folder beside it. */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED_DIR = resolve(REPO_ROOT, "..", "shared");
export const SHARED_CRDS_DIR = resolve(SHARED_DIR, "crds");
/** ../shared/charts: a Helm repository folder (index.yaml + the add-ons' packaged charts). */
export const SHARED_CHARTS_DIR = resolve(SHARED_DIR, "charts");
