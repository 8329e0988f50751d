/** Slipway's library API. */
export { defineConfig, platformSpecSchema } from "./spec/schema.js";
export type { PlatformSpec, PlatformSpecInput, ApplicationSpec, NamespaceSpec, NodeGroupSpec, TeamSpec } from "./spec/schema.js";
export { loadSpec, parseSpec } from "./spec/load.js";
export { platformNames } from "./spec/names.js";
export type { PlatformNames, WorkloadIdentity } from "./spec/names.js";
export { synthesizeGitOps } from "./gitops/synthesize.js";
export { synthesizePlatform } from "./synth/synthesize-platform.js";
export { synthesizeInfrastructure, addPlatformStack, platformAppProps } from "./infra/synthesize-infrastructure.js";
export type { InfrastructureOptions } from "./infra/synthesize-infrastructure.js";
export { PlatformStack, platformStackName } from "./infra/platform-stack.js";
export { githubWorkflows } from "./infra/github-workflow.js";
export { bootstrapPlan } from "./infra/bootstrap-plan.js";
export { SlipwayError } from "./errors.js";
export { checkManifests, validateObjects } from "./check/check.js";
export type { CheckOptions, CheckResult, CheckStats } from "./check/check.js";
export type { Finding, Severity, SourceObject } from "./check/finding.js";
export { CHARTS, KUBERNETES, CRD_API_VERSIONS, EKS_ADDONS } from "./versions.js";
export { evaluatePod, POD_SECURITY_RULES } from "./check/pod-security/index.js";
