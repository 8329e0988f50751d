import { test } from "vitest";
import { resolve } from "node:path";
import { LINT_RULES, reachabilityMatrix } from "../../../src/check/rules/index.js";
import { REPO_ROOT } from "../../support/paths.js";
import { loadContext } from "./support/run-lint-rules.js";
test("bench", async () => {
  const clean = await loadContext(resolve(REPO_ROOT, "test/fixtures/check/clean"));
  const objects = [];
  for (let i = 0; i < 170; i++) for (const o of clean.objects) objects.push({ ...o, namespace: o.namespace === "shop" ? `shop${i}` : o.namespace, document: JSON.parse(JSON.stringify(o.document).replaceAll('"shop"', `"shop${i}"`)) });
  const context = { ...clean, objects };
  console.log("objects", objects.length);
  for (const rule of LINT_RULES) { const t = performance.now(); const f = rule.check(context); console.log(rule.id, (performance.now() - t).toFixed(0), "ms", f.length); }
  const t = performance.now(); reachabilityMatrix({ ...clean, objects: objects.slice(0, 600) }); console.log("matrix(600)", (performance.now() - t).toFixed(0));
});
