import type { GitOpsGenerator } from "../gitops-file.js";
import { generateApplications } from "./application-generator.js";

export const APPLICATIONS_GENERATORS: readonly GitOpsGenerator[] = [generateApplications];
