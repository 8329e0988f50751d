/**
 * Network-policy, reference and best-practice rules, as rules the registry runs, plus
 * what the CLI needs beyond findings: the reachability matrix. Rules configured by a
 * user's options come from rule-options.ts, which loads zod to validate them; this module
 * does not, so a check without options starts faster.
 */
import { BUILT_IN_CHECKS } from "./builtin-checks.js";
import { builtInLintRules, type LintRule } from "./lint-rule.js";

export { reachabilityMatrix } from "./network-policy/reachability-matrix.js";
export { BUILT_IN_CHECKS } from "./builtin-checks.js";
export type { LintRule } from "./lint-rule.js";
export type { RuleOptions } from "./rule-options.js";

/** The lint rules with their built-in parameters and severities. */
export const LINT_RULES: readonly LintRule[] = builtInLintRules(BUILT_IN_CHECKS);
