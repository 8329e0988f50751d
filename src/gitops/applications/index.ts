import type { GitOpsGenerator } from "../gitops-file.js";

export const APPLICATIONS_GENERATORS: readonly GitOpsGenerator[] = [];
