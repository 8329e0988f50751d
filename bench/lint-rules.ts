/**
 * Times the network-policy, reference and best-practice rules on a large input: the clean
 * corpus copied into 170 namespaces (5,100 objects). Run: `npx tsx bench/lint-rules.ts`.
 * Prints the time of each rule and the total; the last result is in docs/check-rules-design.md.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceObject } from "../src/check/finding.js";
import { loadInputs } from "../src/check/load/load-inputs.js";
import { LINT_RULES } from "../src/check/rules/index.js";

const COPIES = 170;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const loaded = await loadInputs(["test/fixtures/check/clean"], { cwd: root, kustomize: false });
const objects: SourceObject[] = [];
for (let copy = 0; copy < COPIES; copy += 1) {
  for (const object of loaded.objects) {
    const namespace = object.namespace === "shop" ? `shop-${copy}` : object.namespace;
    // Cluster-scoped and argocd objects are copied under new names so every copy stays consistent.
    const document = JSON.parse(JSON.stringify(object.document).replaceAll('"shop"', `"shop-${copy}"`)) as Record<string, unknown>;
    objects.push({ ...object, ...(namespace ? { namespace } : {}), document });
  }
}
const context = { objects, kubernetesVersion: "1.35", customResourceKinds: new Set<string>() };
const started = performance.now();
let findings = 0;
for (const rule of LINT_RULES) {
  const ruleStarted = performance.now();
  findings += rule.check(context).length;
  console.log(`${rule.id.padEnd(52)} ${(performance.now() - ruleStarted).toFixed(1).padStart(7)} ms`);
}
console.log(`${LINT_RULES.length} rules on ${objects.length} objects: ${(performance.now() - started).toFixed(0)} ms, ${findings} findings`);
