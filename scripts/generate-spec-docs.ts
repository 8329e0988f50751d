/** Rewrites docs/spec.md and schema/slipway.schema.json from the spec schema. */
import { mkdirSync, writeFileSync } from "node:fs";
import { specJsonSchema, specMarkdown } from "../src/platform-spec/spec-docs.js";

mkdirSync("docs", { recursive: true });
mkdirSync("schema", { recursive: true });
writeFileSync("docs/spec.md", specMarkdown());
writeFileSync("schema/slipway.schema.json", JSON.stringify(specJsonSchema(), null, 2) + "\n");
console.log("wrote docs/spec.md and schema/slipway.schema.json");
