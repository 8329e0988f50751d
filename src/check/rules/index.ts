/**
 * Network-policy, reference and best-practice rules, as rules the registry runs, plus
 * what the CLI needs beyond findings: the reachability matrix and the rule options.
 */
import { BUILT_IN_CHECKS } from "./builtin-checks.js";
import { buildLintRules, type LintRule, type RuleOptions } from "./rule-options.js";

export { reachabilityMatrix } from "./network-policy/reachability-matrix.js";
export { BUILT_IN_CHECKS } from "./builtin-checks.js";
export { parseRuleOptions, RULE_OPTIONS_SCHEMA, type LintRule, type RuleOptions } from "./rule-options.js";

/** The lint rules configured by the user's options (parameters, severities). */
export function lintRules(options: RuleOptions = {}): readonly LintRule[] {
  return buildLintRules(BUILT_IN_CHECKS, options);
}

/** The lint rules with their built-in parameters and severities. */
export const LINT_RULES: readonly LintRule[] = lintRules();
