/**
 * Every GitOps generator, in the order their files are listed. Each folder's index
 * exports its own list; this file only concatenates them.
 */
import type { GitOpsGenerator } from "./gitops-file.js";
import { ARGOCD_GENERATORS } from "./argocd/index.js";
import { ADDONS_GENERATORS } from "./addons/index.js";
import { PLATFORM_GENERATORS } from "./platform/index.js";
import { TENANCY_GENERATORS } from "./tenancy/index.js";
import { APPLICATIONS_GENERATORS } from "./applications/index.js";

export const GENERATORS: readonly GitOpsGenerator[] = [
  ...ARGOCD_GENERATORS,
  ...ADDONS_GENERATORS,
  ...PLATFORM_GENERATORS,
  ...TENANCY_GENERATORS,
  ...APPLICATIONS_GENERATORS,
];
