/**
 * Names of a Slipway spec file, in the order they are looked for in the working directory.
 * Kept apart from load.ts so commands can look for a spec without loading yaml and zod.
 */
export const CONFIG_FILE_NAMES = ["slipway.config.ts", "slipway.config.mjs", "slipway.config.js", "slipway.yaml", "slipway.yml"] as const;
