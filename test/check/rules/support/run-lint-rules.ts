/** Contexts for lint rule tests, read by the checker's own loader and parser. */
import { relative } from "node:path";
import type { Finding } from "../../../../src/check/finding.js";
import { loadInputs } from "../../../../src/check/load/load-inputs.js";
import { parseSource } from "../../../../src/check/load/parse-source.js";
import type { ArgoCdTarget, CheckContext, Rule } from "../../../../src/check/rule.js";
import { LINT_RULES } from "../../../../src/check/rules/index.js";
import { REPO_ROOT } from "../../../support/paths.js";

export async function loadContext(folder: string, argocd?: ArgoCdTarget): Promise<CheckContext> {
  const loaded = await loadInputs([relative(REPO_ROOT, folder)], { cwd: REPO_ROOT, kustomize: false });
  if (loaded.findings.length > 0) throw new Error(`fixture ${folder} does not load: ${JSON.stringify(loaded.findings)}`);
  return { objects: loaded.objects, kubernetesVersion: "1.35", customResourceKinds: new Set(), ...(argocd ? { argocd } : {}) };
}

/** Every lint rule over a fixture folder; `argocd` is the Argo CD the check targets (`--argocd`). */
export async function runLintRules(folder: string, rules: readonly Rule[] = LINT_RULES, argocd?: ArgoCdTarget): Promise<Finding[]> {
  const context = await loadContext(folder, argocd);
  return rules.flatMap((rule) => rule.check(context));
}

/** A context from inline YAML, read by the checker's own parser. */
export function contextFromYaml(text: string): CheckContext {
  const parsed = parseSource(text, "test.yaml");
  if (parsed.findings.length > 0) throw new Error(`test YAML does not parse: ${JSON.stringify(parsed.findings)}`);
  return { objects: parsed.objects, kubernetesVersion: "1.35", customResourceKinds: new Set() };
}
