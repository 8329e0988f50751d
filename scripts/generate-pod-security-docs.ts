/**
 * Rewrites the generated check table in docs/pod-security.md from the check registry.
 * Usage: npx tsx scripts/generate-pod-security-docs.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { withCheckReference } from "../src/check/pod-security/check-reference.js";

const path = resolve(fileURLToPath(import.meta.url), "..", "..", "docs", "pod-security.md");
writeFileSync(path, withCheckReference(readFileSync(path, "utf8")));
console.log(`wrote ${path}`);
