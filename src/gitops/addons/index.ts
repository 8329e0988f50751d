import type { GitOpsGenerator } from "../gitops-file.js";

export const ADDONS_GENERATORS: readonly GitOpsGenerator[] = [];
