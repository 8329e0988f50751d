// Marks a build folder as CommonJS. The package is `"type": "module"`, so the CommonJS
// build of the light config entry (dist/cjs, what `require("slipway/config")` loads in a
// CommonJS project's slipway.config.ts) needs its own package.json saying so.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2];
if (folder === undefined) throw new Error("usage: node scripts/mark-commonjs.mjs <folder>");
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, "package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n");
