/** Slipway's library API. */
export { defineConfig, platformSpecSchema } from "./spec/schema.js";
export type { PlatformSpec, PlatformSpecInput, ApplicationSpec, NamespaceSpec, NodeGroupSpec, TeamSpec } from "./spec/schema.js";
export { loadSpec, parseSpec } from "./spec/load.js";
export { platformNames } from "./spec/names.js";
export type { PlatformNames, WorkloadIdentity } from "./spec/names.js";
export { synthesizeGitOps } from "./gitops/synthesize.js";
export { synthesizePlatform } from "./synth/synthesize-platform.js";
export { SlipwayError } from "./errors.js";
export { CHARTS, KUBERNETES, CRD_API_VERSIONS } from "./versions.js";
