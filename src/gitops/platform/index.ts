import type { GitOpsGenerator } from "../gitops-file.js";

export const PLATFORM_GENERATORS: readonly GitOpsGenerator[] = [];
