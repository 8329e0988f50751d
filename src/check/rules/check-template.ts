/**
 * kube-linter's model: a check template is parameterised code (`container-resource`,
 * `probe`); a built-in check is a small data entry naming a template, its parameters,
 * an id, a severity and the remediation. Users change parameters and severities through
 * `RuleOptions` without touching code; which rules run is the registry's --enable/--disable.
 *
 * A template's parameter schema is a function of zod rather than a schema: the built-in
 * parameters are type-checked at compile time (`defineCheck`), so zod, a large module
 * graph, is loaded only to validate a user's `--rules-config` (rule-options.ts).
 */
import type { z } from "zod";
import type { Severity } from "../finding.js";
import type { CheckContext, Rule } from "../rule.js";
import type { Report } from "./support/report.js";

/** Builds a template's parameter schema with the zod it is given. */
export type ParamsSchema<Params> = (zod: typeof z) => z.ZodType<Params>;

/** The parameters a schema function validates. */
export type ParamsOf<Schema extends (zod: typeof z) => z.ZodType> = z.infer<ReturnType<Schema>>;

export interface CheckTemplate<Params> {
  /** Stable key, e.g. `container-resource`. */
  readonly key: string;
  /** What the template checks, for the generated documentation. */
  readonly description: string;
  /** Validates parameters from user options (built-in entries are checked by the compiler). */
  readonly params: ParamsSchema<Params>;
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
