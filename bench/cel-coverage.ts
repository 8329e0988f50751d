/**
 * How many `x-kubernetes-validations` rules of the CRDs in ../shared/crds the checker can
 * evaluate: each rule is compiled as `slipway check` compiles it and counted as evaluated
 * (it compiles and every function it calls exists), transition (reads oldSelf: skipped on
 * create, as the API server does) or not evaluable, with the functions still missing.
 * Run: `npx tsx bench/cel-coverage.ts [crd folder]`. The last figures are in docs/check.md.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { compileRule } from "../src/check/schema/cel-rules.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const folder = resolve(process.argv[2] ?? join(root, "..", "shared", "crds"));

function yamlFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

function rulesOf(schema: unknown, into: unknown[]): unknown[] {
  if (Array.isArray(schema)) for (const item of schema) rulesOf(item, into);
  else if (schema !== null && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "x-kubernetes-validations" && Array.isArray(value)) into.push(...value);
      else rulesOf(value, into);
    }
  }
  return into;
}

const totals = { evaluated: 0, transition: 0, notEvaluable: 0 };
const missing = new Map<string, number>();
const reasons = new Map<string, number>();
const rows: string[] = [];
for (const file of yamlFiles(folder)) {
  const counts = { evaluated: 0, transition: 0, notEvaluable: 0 };
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const crd = document.toJS() as { kind?: string; spec?: { versions?: { schema?: { openAPIV3Schema?: unknown } }[] } } | null;
    if (crd?.kind !== "CustomResourceDefinition") continue;
    for (const version of crd.spec?.versions ?? []) {
      for (const entry of rulesOf(version.schema?.openAPIV3Schema, [])) {
        for (const rule of compileRule(entry)) {
          if (rule.status.kind === "program") counts.evaluated += 1;
          else if (rule.status.kind === "transition") counts.transition += 1;
          else {
            counts.notEvaluable += 1;
            const reason = rule.status.reason;
            reasons.set(reason.kind, (reasons.get(reason.kind) ?? 0) + 1);
            if (reason.kind === "missing-functions") for (const name of reason.functions) missing.set(name, (missing.get(name) ?? 0) + 1);
          }
        }
      }
    }
  }
  if (counts.evaluated + counts.transition + counts.notEvaluable === 0) continue;
  totals.evaluated += counts.evaluated;
  totals.transition += counts.transition;
  totals.notEvaluable += counts.notEvaluable;
  rows.push(`${relative(folder, file).padEnd(72)} ${String(counts.evaluated).padStart(9)} ${String(counts.transition).padStart(10)} ${String(counts.notEvaluable).padStart(13)}`);
}
console.log(`${"CRD file".padEnd(72)} ${"evaluated".padStart(9)} ${"transition".padStart(10)} ${"not evaluable".padStart(13)}`);
for (const row of rows) console.log(row);
console.log(`${"total".padEnd(72)} ${String(totals.evaluated).padStart(9)} ${String(totals.transition).padStart(10)} ${String(totals.notEvaluable).padStart(13)}`);
if (reasons.size > 0) console.log(`not evaluable, by reason: ${[...reasons].map(([reason, count]) => `${reason} ${count}`).join(", ")}`);
if (missing.size > 0) console.log(`functions still missing (rules calling each): ${[...missing].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => `${name}() ${count}`).join(", ")}`);
