import type { GitOpsGenerator } from "../gitops-file.js";

export const TENANCY_GENERATORS: readonly GitOpsGenerator[] = [];
