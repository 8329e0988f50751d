/**
 * The light entry for spec files: `import { defineConfig } from "slipway/config"` loads
 * only the spec schema, not the CDK and checker libraries the main entry exports.
 */
export { defineConfig } from "./platform-spec/schema.js";
export type { PlatformSpecInput, PlatformSpec } from "./platform-spec/schema.js";
