/**
 * kube-linter's model: a check template is parameterised code (`container-resource`,
 * `probe`); a built-in check is a small data entry naming a template, its parameters,
 * an id, a severity and the remediation. Users change parameters and severities through
 * `RuleOptions` without touching code; which rules run is the registry's --enable/--disable.
 */
import type { z } from "zod";
import type { Severity } from "../finding.js";
import type { CheckContext, Rule } from "../rule.js";
import type { Report } from "./support/report.js";

export interface CheckTemplate<Params> {
  /** Stable key, e.g. `container-resource`. */
  readonly key: string;
  /** What the template checks, for the generated documentation. */
  readonly description: string;
  /** Validates parameters from built-in entries and from user options alike. */
  readonly params: z.ZodType<Params>;
  /** Pure: reads the context, reports through `report`. */
  check(context: CheckContext, params: Params, report: Report): void;
  /** Optional readable report the CLI prints on request (`Rule.report`). */
  report?(context: CheckContext, params: Params): string;
}

export interface BuiltInCheck {
  readonly id: string;
  readonly category: Rule["category"];
  readonly severity: Severity;
  /** One line for the generated rule documentation. */
  readonly description: string;
  /** Default fix of the findings; one sentence. */
  readonly remediation: string;
  // The entry erases the template's parameter type; `defineCheck` checks it at the definition.
  readonly template: CheckTemplate<unknown>;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A built-in check whose parameters are type-checked against its template. */
export function defineCheck<Params extends Record<string, unknown>>(entry: {
  readonly id: string;
  readonly category: Rule["category"];
  readonly severity: Severity;
  readonly description: string;
  readonly remediation: string;
  readonly template: CheckTemplate<Params>;
  readonly params: Params;
}): BuiltInCheck {
  return { ...entry, template: entry.template as CheckTemplate<unknown> };
}
