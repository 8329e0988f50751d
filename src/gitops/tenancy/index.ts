import type { GitOpsGenerator } from "../gitops-file.js";
import { generateTenancy } from "./tenancy-generator.js";

export const TENANCY_GENERATORS: readonly GitOpsGenerator[] = [generateTenancy];
