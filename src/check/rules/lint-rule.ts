/**
 * A built-in check turned into a rule the registry runs, with given parameters and
 * severity. No validation here: the built-in parameters are type-checked where they are
 * defined, and a user's are validated by rule-options.ts before they get here.
 */
import { compareFindings, type Severity } from "../finding.js";
import type { CheckContext, Rule } from "../rule.js";
import type { BuiltInCheck } from "./check-template.js";
import { createReporter } from "./support/report.js";

/** A lint rule with what the generated documentation can show besides the `Rule` contract. */
export interface LintRule extends Rule {
  /** Key of the template the rule instantiates. */
  readonly template: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * The rule of `check` with `params` (what the template reads, validated) and `severity`;
 * `shownParams` are the parameters as configured, for the documentation.
 */
export function lintRule(check: BuiltInCheck, params: unknown, severity: Severity, shownParams: Readonly<Record<string, unknown>> = check.params): LintRule {
  const template = check.template;
  return {
    id: check.id,
    category: check.category,
    severity,
    description: check.description,
    remediation: check.remediation,
    template: template.key,
    params: shownParams,
    check(context) {
      const reporter = createReporter(check.id, severity, check.remediation, context);
      template.check(context, params, reporter.report);
      return reporter.findings.sort(compareFindings);
    },
    ...(template.report ? { report: (context: CheckContext) => template.report?.(context, params) ?? "" } : {}),
  };
}

/** The checks as rules with their built-in parameters and severities, in registry order. */
export function builtInLintRules(checks: readonly BuiltInCheck[]): LintRule[] {
  if (new Set(checks.map((check) => check.id)).size !== checks.length) throw new Error("two built-in lint checks share an id");
  return checks.map((check) => lintRule(check, check.params, check.severity));
}
