/**
 * How users configure the lint rules (kube-linter's `checks:` config): override a rule's
 * parameters or severity. Which rules run is the registry's business (--enable,
 * --disable); this is what only templates can honour. An unknown rule id or an invalid
 * parameter is a usage error, never silently ignored.
 */
import { z } from "zod";
import { SlipwayError } from "../../errors.js";
import type { Severity } from "../finding.js";
import type { ConfiguredSuppression } from "../suppressions.js";
import { BUILT_IN_CHECKS } from "./builtin-checks.js";
import type { BuiltInCheck } from "./check-template.js";
import { lintRule, type LintRule } from "./lint-rule.js";

export type { LintRule } from "./lint-rule.js";

export interface RuleOptions {
  /** Parameters per rule id, merged over the built-in ones (`{"best-practice/mutable-image-tag": {"mutableTags": ["latest", "main"]}}`). */
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Severity per rule id (`{"best-practice/cpu-limits": "warning"}`). */
  readonly severity?: Readonly<Record<string, Severity>>;
  /** Accepted findings, each with its reason and the objects it applies to (suppressions.ts). */
  readonly suppressions?: readonly ConfiguredSuppression[];
}

/** Schema of `RuleOptions` as read from a YAML or JSON config file. */
export const RULE_OPTIONS_SCHEMA = z
  .object({
    params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    severity: z.record(z.string(), z.enum(["error", "warning", "info"])).optional(),
    suppressions: z
      .array(
        z
          .object({
            rule: z.string().min(1),
            reason: z.string().trim().min(1, "a reason is required: say why the finding is acceptable"),
            objects: z
              .array(
                z
                  .object({ kind: z.string().optional(), namespace: z.string().optional(), name: z.string().optional(), labels: z.record(z.string(), z.string()).optional() })
                  .strict()
                  .refine((selector) => Object.keys(selector).length > 0, "an object selector needs kind, namespace, name or labels"),
              )
              .min(1)
              .optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

/** Reads options from an untrusted document (a config file), naming where it failed. */
export function parseRuleOptions(raw: unknown, where: string): RuleOptions {
  const parsed = RULE_OPTIONS_SCHEMA.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new SlipwayError("USAGE", "invalid rule options", {
    where,
    problems: problemsOf(parsed.error),
    fix: "use the keys params (parameters by rule id), severity (error, warning or info by rule id) and suppressions (rule, reason, objects)",
  });
}

function instantiate(check: BuiltInCheck, options: RuleOptions): LintRule {
  const merged = { ...check.params, ...(options.params?.[check.id] ?? {}) };
  const parsed = check.template.params(z).safeParse(merged);
  if (!parsed.success) {
    throw new SlipwayError("USAGE", `invalid parameters for rule ${check.id}`, {
      where: `rule options: params.${check.id}`,
      problems: problemsOf(parsed.error),
      fix: `give ${check.id} only the parameters of its template "${check.template.key}" (see docs/check-rules-design.md)`,
    });
  }
  return lintRule(check, parsed.data, options.severity?.[check.id] ?? check.severity, merged);
}

/** The checks as rules, with the user's parameters and severities applied, in registry order. */
export function buildLintRules(checks: readonly BuiltInCheck[], options: RuleOptions = {}): LintRule[] {
  const ids = new Set(checks.map((check) => check.id));
  if (ids.size !== checks.length) throw new Error("two built-in lint checks share an id");
  for (const [field, map] of [
    ["params", options.params],
    ["severity", options.severity],
  ] as const) {
    for (const id of Object.keys(map ?? {})) {
      if (!ids.has(id)) {
        throw new SlipwayError("USAGE", `unknown lint rule "${id}" in ${field}`, {
          where: `rule options: ${field}`,
          fix: "use a rule id listed in docs/rules.md (network-policy/*, reference/* or best-practice/*)",
        });
      }
    }
  }
  return checks.map((check) => instantiate(check, options));
}

/** The built-in lint rules configured by the user's options (parameters, severities). */
export function lintRules(options: RuleOptions = {}): readonly LintRule[] {
  return buildLintRules(BUILT_IN_CHECKS, options);
}
