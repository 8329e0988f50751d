import type { GitOpsGenerator } from "../gitops-file.js";
import { ADDONS } from "./catalog.js";

export { ADDONS, ADDON_NAMES, type AddonName } from "./catalog.js";

export const ADDONS_GENERATORS: readonly GitOpsGenerator[] = ADDONS.map((addon) => addon.generate);
