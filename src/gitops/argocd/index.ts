import type { GitOpsGenerator } from "../gitops-file.js";

export const ARGOCD_GENERATORS: readonly GitOpsGenerator[] = [];
