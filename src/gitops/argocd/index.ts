import type { GitOpsGenerator } from "../gitops-file.js";
import { argocdNamespaceGenerator } from "./argocd-namespace.js";
import { argocdValuesGenerator } from "./argocd-values.js";
import { rootApplicationGenerator } from "./root-application.js";
import { appProjectsGenerator } from "./app-projects.js";
import { teamApplicationsGenerator } from "./team-applications.js";
import { localClusterGenerator } from "./eks-capability.js";

export const ARGOCD_GENERATORS: readonly GitOpsGenerator[] = [argocdNamespaceGenerator, argocdValuesGenerator, rootApplicationGenerator, appProjectsGenerator, teamApplicationsGenerator, localClusterGenerator];
