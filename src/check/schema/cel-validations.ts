/**
 * Evaluates the `x-kubernetes-validations` CEL rules of CRDs on custom resources, as the
 * API server does after schema validation (kubeconform cannot: it knows no CEL).
 *
 * Each rule runs at the schema node it sits on, with `self` bound to the value there
 * (defaulted by structural-defaults.ts, typed and pruned by cel-values.ts): once per list item or map value when the
 * node is under `items`/`additionalProperties`, never where the value is absent. A rule
 * that evaluates to false is a `schema` error with the rule's message (its
 * `messageExpression` when that evaluates to a string), its `reason` and its `fieldPath`,
 * in the API server's words (`spec.x: Invalid value: "object": ...`).
 *
 * What is not evaluated is never guessed at: transition rules (they read `oldSelf`, which
 * a manifest does not have, and the API server skips them on create too) are skipped; a
 * rule that does not compile, calls a Kubernetes CEL function the library lacks or fails
 * at run time is counted, and one `info` finding per kind says how many and why. An
 * object with a type error gets no CEL verdict at all, as upstream (its schema finding
 * says what to fix first).
 *
 * Evaluation is bounded as the API server bounds it (cel-library/cost.ts): a rule may cost
 * at most PER_CALL_LIMIT and all the rules of one object RUNTIME_BUDGET; past either, the
 * object gets the API server's error and its remaining rules are not run.
 *
 * This runs on the main thread after the schema step has been started (on workers for
 * large inputs), so findings are the same with or without workers; the compiled rules of a
 * CRD version are cached (cel-rules.ts) and values are converted once per object.
 */
import { isCelError, type CelInput } from "@bufbuild/cel";
import { describeObject, type Finding, type SourceObject } from "../finding.js";
import { fieldLine } from "../load/locate-field.js";
import { metered, PER_CALL_LIMIT, RUNTIME_BUDGET } from "./cel-library/cost.js";
import { compiledRules, type CompiledRule, type NotEvaluableReason, type RuleNode } from "./cel-rules.js";
import { celEscape, IllTyped, toCelValue } from "./cel-values.js";
import { applyStructuralDefaults } from "./structural-defaults.js";
import type { CustomResourceVersion } from "./custom-resource-schemas.js";
import { SCHEMA_RULE_ID } from "./validate-schemas.js";

type PathStep = { readonly field: string } | { readonly index: number } | { readonly key: string };

type Unevaluated = NotEvaluableReason | { readonly kind: "runtime"; readonly detail: string };

interface KindReport {
  /** The first object of the kind with a rule not evaluated: where the info finding points. */
  readonly object: SourceObject;
  readonly rules: Map<CompiledRule, Unevaluated>;
}

export function evaluateCelValidations(objects: readonly SourceObject[], customResources: ReadonlyMap<string, CustomResourceVersion>): Finding[] {
  const findings: Finding[] = [];
  const notEvaluated = new Map<string, KindReport>();
  for (const object of objects) {
    const version = customResources.get(`${object.apiVersion}/${object.kind}`);
    if (version === undefined || !version.served || version.validationSchema === undefined) continue;
    const tree = compiledRules(`${version.key}@crd:${version.schemaHash}`, version.validationSchema);
    if (tree === undefined) continue;
    let value: CelInput | undefined;
    try {
      // Defaulted as the schema step validates it (structural-defaults.ts): rules see the defaults.
      value = toCelValue(applyStructuralDefaults(object.document, version.validationSchema), version.validationSchema, true);
    } catch (error) {
      if (error instanceof IllTyped) continue;
      throw error;
    }
    const skipped = (rule: CompiledRule, why: Unevaluated) => {
      const key = `${version.group}/${version.kind}`;
      const report = notEvaluated.get(key) ?? { object, rules: new Map() };
      if (!report.rules.has(rule)) report.rules.set(rule, why);
      notEvaluated.set(key, report);
    };
    visit(tree, value, [], { object, findings, skipped, budget: { remaining: RUNTIME_BUDGET, stopped: false } });
  }
  for (const { object, rules } of notEvaluated.values()) findings.push(notEvaluatedFinding(object, [...rules.values()]));
  return findings;
}

interface Visit {
  readonly object: SourceObject;
  readonly findings: Finding[];
  readonly skipped: (rule: CompiledRule, why: Unevaluated) => void;
  /** What is left of the object's cost budget; `stopped` once a rule ran out of it. */
  readonly budget: { remaining: number; stopped: boolean };
}

function visit(node: RuleNode, value: CelInput | undefined, path: readonly PathStep[], context: Visit): void {
  if (value === undefined || value === null || context.budget.stopped) return;
  for (const rule of node.rules) {
    if (rule.status.kind === "transition") continue;
    if (rule.status.kind === "not-evaluable") {
      context.skipped(rule, rule.status.reason);
      continue;
    }
    const program = rule.status.program;
    const result = spend(context, node, rule, path, "rule", () => program(value));
    if (result === undefined) return;
    if (isCelError(result.value)) context.skipped(rule, { kind: "runtime", detail: result.value.message });
    else if (typeof result.value !== "boolean") context.skipped(rule, { kind: "runtime", detail: "the rule does not return a boolean" });
    else if (!result.value) {
      const expressed = rule.messageExpression === undefined ? undefined : spend(context, node, rule, path, "messageExpression", () => rule.messageExpression?.(value));
      if (context.budget.stopped) return;
      context.findings.push(violation(context.object, node, rule, value, path, expressed?.value));
    }
  }
  if (node.properties !== undefined && value instanceof Map) {
    for (const [name, child] of node.properties) {
      // The CEL value holds declared fields by their escaped names (cel-values.ts); paths keep the written one.
      const escaped = celEscape(name);
      if (escaped !== undefined) visit(child, value.get(escaped), [...path, { field: name }], context);
    }
  }
  if (node.items !== undefined && Array.isArray(value)) {
    for (const [index, item] of value.entries()) visit(node.items, item, [...path, { index }], context);
  }
  if (node.additionalProperties !== undefined && value instanceof Map) {
    for (const [key, item] of value) visit(node.additionalProperties, item, [...path, { key: String(key) }], context);
  }
}

/**
 * Runs `evaluate` (the rule or its messageExpression) within the object's remaining budget
 * and at most PER_CALL_LIMIT; undefined when it ran out, after pushing the API server's
 * error (its words for each case, k8s.io/apiextensions-apiserver schema/cel/validation.go)
 * and stopping the object's rules.
 */
function spend<T>(context: Visit, node: RuleNode, rule: CompiledRule, path: readonly PathStep[], what: "rule" | "messageExpression", evaluate: () => T): { readonly value: T } | undefined {
  const limit = Math.min(PER_CALL_LIMIT, context.budget.remaining);
  const outcome = metered(limit, evaluate);
  context.budget.remaining -= outcome.cost;
  if (!outcome.exceeded) return { value: outcome.value as T };
  context.budget.stopped = true;
  const shown = showPath(path);
  const perCall = limit === PER_CALL_LIMIT;
  // Upstream's ruleErrorString: the rule's message when it has one, else the rule.
  const named = (rule.message ?? rule.rule).trim();
  const detail =
    what === "rule"
      ? perCall
        ? `'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${named}`
        : "validation failed due to running out of cost budget, no further validation rules will be run"
      : perCall
        ? `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${JSON.stringify(rule.messageExpressionSource ?? "")}`
        : "messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run";
  context.findings.push({
    ruleId: SCHEMA_RULE_ID,
    severity: "error",
    file: context.object.file,
    line: fieldLine(context.object.document, keys(path)) ?? context.object.line,
    object: describeObject(context.object),
    message: `${shown === "" ? "" : `${shown}: `}Invalid value: "${typeof node.schema.type === "string" ? node.schema.type : "object"}": ${detail}`,
    fix: `the API server rejects this object because its CRD's CEL rules cost too much on it: make ${shown === "" ? "the object" : shown} smaller (fewer list items, shorter strings), or ask the CRD's authors to bound the rule (maxItems, maxLength)`,
  });
  return undefined;
}

function violation(object: SourceObject, node: RuleNode, rule: CompiledRule, value: CelInput, path: readonly PathStep[], expressed: unknown): Finding {
  const at = [...path, ...(rule.fieldPath ?? []).map((field) => ({ field }))];
  const shown = showPath(at);
  const type = typeof node.schema.type === "string" ? node.schema.type : "object";
  const reason = {
    FieldValueInvalid: `Invalid value: "${type}"`,
    FieldValueForbidden: "Forbidden",
    FieldValueRequired: "Required value",
    FieldValueDuplicate: `Duplicate value: "${type}"`,
  }[rule.reason];
  return {
    ruleId: SCHEMA_RULE_ID,
    severity: "error",
    file: object.file,
    line: fieldLine(object.document, keys(at)) ?? fieldLine(object.document, keys(path)) ?? object.line,
    object: describeObject(object),
    message: `${shown === "" ? "" : `${shown}: `}${reason}: ${message(rule, expressed)}`,
    fix: `change ${shown === "" ? "the object" : shown} so that the CRD's validation rule holds: ${rule.rule.trim()}`,
  };
}

/** The messageExpression's string when it evaluates to one (a single non-empty line), else the message, else upstream's default. */
function message(rule: CompiledRule, expressed: unknown): string {
  if (typeof expressed === "string" && expressed.trim() !== "" && !expressed.includes("\n")) return expressed;
  return rule.message ?? `failed rule: ${rule.rule.trim()}`;
}

function notEvaluatedFinding(object: SourceObject, reasons: readonly Unevaluated[]): Finding {
  const count = (kind: Unevaluated["kind"]) => reasons.filter((reason) => reason.kind === kind);
  const rules = (n: number) => (n === 1 ? "1 rule" : `${n} rules`);
  const parts: string[] = [];
  const missing = count("missing-functions") as Extract<Unevaluated, { kind: "missing-functions" }>[];
  if (missing.length > 0) {
    const functions = [...new Set(missing.flatMap((reason) => reason.functions))].sort().map((name) => `${name}()`);
    parts.push(`${rules(missing.length)} call${missing.length === 1 ? "s" : ""} Kubernetes CEL functions the CEL library lacks (${functions.join(", ")})`);
  }
  const syntax = count("syntax") as Extract<Unevaluated, { kind: "syntax" }>[];
  if (syntax.length > 0) parts.push(`${rules(syntax.length)} could not be compiled (${syntax[0]?.detail})`);
  const optional = count("optional-old-self");
  if (optional.length > 0) parts.push(`${rules(optional.length)} read${optional.length === 1 ? "s" : ""} oldSelf with optionalOldSelf, which the checker does not model`);
  const runtime = count("runtime") as Extract<Unevaluated, { kind: "runtime" }>[];
  if (runtime.length > 0) parts.push(`${rules(runtime.length)} failed at run time (${runtime[0]?.detail})`);
  const total = reasons.length;
  return {
    ruleId: SCHEMA_RULE_ID,
    severity: "info",
    file: object.file,
    line: object.line,
    object: describeObject(object),
    message: `${total} CEL rule${total === 1 ? "" : "s"} of ${object.kind} ${total === 1 ? "was" : "were"} not evaluated: ${parts.join("; ")}`,
    fix: "nothing to change for this: the API server evaluates these rules when the object is applied (kubectl apply --dry-run=server shows their verdict)",
  };
}

/** `spec.limits[0].values`, map keys in brackets as the API server prints them: `spec.tags[team]`. */
function showPath(path: readonly PathStep[]): string {
  let result = "";
  for (const step of path) {
    if ("field" in step) result += result === "" ? step.field : `.${step.field}`;
    else if ("index" in step) result += `[${step.index}]`;
    else result += `[${step.key}]`;
  }
  return result;
}

function keys(path: readonly PathStep[]): (string | number)[] {
  return path.map((step) => ("field" in step ? step.field : "index" in step ? step.index : step.key));
}
