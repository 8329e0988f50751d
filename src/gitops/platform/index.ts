import type { GitOpsGenerator } from "../gitops-file.js";
import { platformFoldersGenerator } from "./platform-folders.js";

export const PLATFORM_GENERATORS: readonly GitOpsGenerator[] = [platformFoldersGenerator];
