/**
 * The validated registry of every rule `slipway check` runs (pod-security-admission's
 * model): ids are unique and well formed, checked once when the module loads, and
 * lookups are a map access. The rule documentation (docs/rules.md) is generated from it.
 *
 * Engine rules (parse, kustomize, schema, unknown-kind) are run by the checker itself,
 * because they need I/O or compiled schemas; they are listed here so that they are
 * documented and can be disabled like any other rule.
 */
import { DEPRECATION_RULES } from "./deprecations/deprecation-rules.js";
import { ENGINE_RULES, type RuleDescriptor } from "./engine-rules.js";
import { POD_SECURITY_RULES } from "./pod-security/index.js";
import type { Rule } from "./rule.js";
import { LINT_RULES, type RuleOptions } from "./rules/index.js";

export { ENGINE_RULES, type RuleDescriptor } from "./engine-rules.js";

const RULE_ID = /^[a-z][a-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

function validated(rules: readonly Rule[]): readonly Rule[] {
  const ids = new Set(ENGINE_RULES.map((rule) => rule.id));
  for (const rule of rules) {
    if (!RULE_ID.test(rule.id)) throw new Error(`rule id "${rule.id}" is not a lower-case, /-separated id (e.g. pod-security/hostPorts)`);
    if (ids.has(rule.id)) throw new Error(`rule id "${rule.id}" is registered twice`);
    if (rule.description.trim() === "" || rule.remediation.trim() === "") throw new Error(`rule "${rule.id}" has no description or remediation`);
    ids.add(rule.id);
  }
  return [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every rule with a check function, sorted by id. */
export const RULES: readonly Rule[] = validated([...DEPRECATION_RULES, ...POD_SECURITY_RULES, ...LINT_RULES]);

/**
 * The rules with the user's parameters and severities applied to the lint rules
 * (`slipway check --rules-config FILE`); without options, the registry as built. The
 * options' validation (and zod) is loaded only when there are options.
 */
export async function configuredRules(options?: RuleOptions): Promise<readonly Rule[]> {
  if (options === undefined || (options.params === undefined && options.severity === undefined)) return RULES;
  const { lintRules } = await import("./rules/rule-options.js");
  return validated([...DEPRECATION_RULES, ...POD_SECURITY_RULES, ...lintRules(options)]);
}

const byId = new Map<string, RuleDescriptor>([...ENGINE_RULES, ...RULES].map((rule) => [rule.id, rule]));

/** Every rule, engine rules included, sorted by category then id: what the docs list. */
export function allRules(): readonly RuleDescriptor[] {
  return [...byId.values()].sort((a, b) => (a.category === b.category ? (a.id < b.id ? -1 : 1) : a.category < b.category ? -1 : 1));
}

export function ruleById(id: string): RuleDescriptor | undefined {
  return byId.get(id);
}

export { selects } from "./engine-rules.js";
