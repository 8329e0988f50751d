/**
 * The `x-kubernetes-validations` rules of a CRD version's structural schema, compiled once
 * with @bufbuild/cel (the CEL evaluator for ECMAScript kept by Buf, run against the CEL
 * conformance suite) and cached by the version's schema hash, like its compiled schema.
 *
 * Each rule is one of:
 * - `program`: it compiles and every function it calls exists: it is evaluated;
 * - `transition`: it reads `oldSelf`, so it only runs on updates; a manifest has no old
 *   object, and the API server skips it on create too, so it is never evaluated;
 * - `not-evaluable`: it does not parse, calls a function neither @bufbuild/cel nor
 *   cel-library/ defines (`format.*`, `semver()`, quantity's `div()`...), or needs an old
 *   object that may be absent
 *   (`optionalOldSelf`). Never guessed at: it is counted and reported as not evaluated.
 *
 * The library gives CEL's standard functions and its `strings` extension (`lowerAscii`,
 * `split`, `indexOf`...), which Kubernetes also enables; cel-library/ adds Kubernetes' own
 * libraries (regex `find`/`findAll`, lists, quantity...).
 *
 * Every comprehension step is wrapped at compile time in a call that charges the cost
 * budget (cel-library/cost.ts), and every function call charges it too, so a rule looping
 * over big lists or scanning big strings stops instead of hanging.
 */
import { celEnv, celError, parse, plan, type CelInput, type CelResult } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { KUBERNETES_CEL_LIBRARIES, meteredFunctions, OPAQUE_TYPES_REGISTRY } from "./cel-library/index.js";
import { METER_FUNCTION } from "./cel-library/cost.js";
import type { OpenApiSchema } from "./kubernetes-schema-bundle.js";
import { isPlainObject } from "../../manifest/plain-object.js";

/** The error a rule reports, as the API server's `reason` names it. */
export type RuleReason = "FieldValueInvalid" | "FieldValueForbidden" | "FieldValueRequired" | "FieldValueDuplicate";

export interface CompiledRule {
  readonly rule: string;
  readonly message?: string;
  /** The messageExpression's program; undefined when absent or not evaluable (the message is used). */
  readonly messageExpression?: Program;
  /** The messageExpression as written, for the API server's errors that quote it. */
  readonly messageExpressionSource?: string;
  readonly reason: RuleReason;
  /** `fieldPath` as keys below the node the rule sits on (`.spec['a.b']` → ["spec", "a.b"]). */
  readonly fieldPath?: readonly string[];
  readonly status: { readonly kind: "program"; readonly program: Program } | { readonly kind: "transition" } | { readonly kind: "not-evaluable"; readonly reason: NotEvaluableReason };
}

export type NotEvaluableReason =
  | { readonly kind: "syntax"; readonly detail: string }
  | { readonly kind: "missing-functions"; readonly functions: readonly string[] }
  | { readonly kind: "optional-old-self" };

export type Program = (self: CelInput) => CelResult;

/** A schema node with rules on it or below it; nodes without rules in their subtree are left out. */
export interface RuleNode {
  /** The node's schema: its value is typed, defaulted and pruned with it before a rule sees it. */
  readonly schema: OpenApiSchema;
  readonly rules: readonly CompiledRule[];
  readonly properties?: ReadonlyMap<string, RuleNode>;
  /** Rules of every list item. */
  readonly items?: RuleNode;
  /** Rules of every map value. */
  readonly additionalProperties?: RuleNode;
}

/** Every function of the environment, the standard ones included, is metered (cel-library/metered-functions.ts). */
const environment = celEnv({
  funcs: meteredFunctions(celEnv({ funcs: [...strings, ...KUBERNETES_CEL_LIBRARIES], registry: OPAQUE_TYPES_REGISTRY }).funcs),
  registry: OPAQUE_TYPES_REGISTRY,
});

/** Calls the planner resolves itself, not through the function table. */
const PLANNER_OPERATORS = new Set(["_&&_", "_||_", "_?_:_", "_[_]", "_[?_]", "_?._", "@not_strictly_false", "__not_strictly_false__"]);

const cache = new Map<string, RuleNode | undefined>();

/** The rule tree of a schema, compiled once per `cacheKey` (a CRD version and its schema hash); undefined when it has no rule. */
export function compiledRules(cacheKey: string, schema: OpenApiSchema): RuleNode | undefined {
  if (cache.has(cacheKey)) return cache.get(cacheKey);
  const tree = ruleTree(schema);
  cache.set(cacheKey, tree);
  return tree;
}

function ruleTree(schema: OpenApiSchema): RuleNode | undefined {
  const rules = Array.isArray(schema["x-kubernetes-validations"]) ? (schema["x-kubernetes-validations"] as unknown[]).flatMap(compileRule) : [];
  const properties = new Map<string, RuleNode>();
  if (isPlainObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      const node = isPlainObject(property) ? ruleTree(property) : undefined;
      if (node !== undefined) properties.set(name, node);
    }
  }
  const items = isPlainObject(schema.items) ? ruleTree(schema.items) : undefined;
  const additionalProperties = isPlainObject(schema.additionalProperties) ? ruleTree(schema.additionalProperties) : undefined;
  if (rules.length === 0 && properties.size === 0 && items === undefined && additionalProperties === undefined) return undefined;
  return {
    schema,
    rules,
    ...(properties.size > 0 ? { properties } : {}),
    ...(items !== undefined ? { items } : {}),
    ...(additionalProperties !== undefined ? { additionalProperties } : {}),
  };
}

/** One `x-kubernetes-validations` entry; an entry without a rule string is not one (the API server refuses such a CRD). */
export function compileRule(entry: unknown): CompiledRule[] {
  if (!isPlainObject(entry) || typeof entry.rule !== "string") return [];
  const rule = entry.rule;
  const messageExpression = typeof entry.messageExpression === "string" ? compileExpression(entry.messageExpression) : undefined;
  const reason = (["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"] as const).find((known) => known === entry.reason) ?? "FieldValueInvalid";
  const fieldPath = typeof entry.fieldPath === "string" ? parseFieldPath(entry.fieldPath) : undefined;
  const compiled = compileExpression(rule);
  return [
    {
      rule,
      ...(typeof entry.message === "string" && entry.message.trim() !== "" ? { message: entry.message } : {}),
      ...(messageExpression?.kind === "program" ? { messageExpression: messageExpression.program, messageExpressionSource: entry.messageExpression as string } : {}),
      reason,
      ...(fieldPath !== undefined ? { fieldPath } : {}),
      status:
        compiled.kind === "transition" && entry.optionalOldSelf === true
          ? { kind: "not-evaluable", reason: { kind: "optional-old-self" } }
          : compiled.kind === "program" || compiled.kind === "transition"
            ? compiled
            : { kind: "not-evaluable", reason: compiled.reason },
    },
  ];
}

type Compiled = { readonly kind: "program"; readonly program: Program } | { readonly kind: "transition" } | { readonly kind: "not-evaluable"; readonly reason: NotEvaluableReason };

function compileExpression(expression: string): Compiled {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (error) {
    return { kind: "not-evaluable", reason: { kind: "syntax", detail: firstLine(error instanceof Error ? error.message : String(error)) } };
  }
  const references = { oldSelf: false, missing: new Set<string>() };
  collectReferences(parsed.expr, new Set(["self"]), references);
  if (references.oldSelf) return { kind: "transition" };
  if (references.missing.size > 0) return { kind: "not-evaluable", reason: { kind: "missing-functions", functions: [...references.missing].sort() } };
  meterComprehensions(parsed.expr, { next: maxId(parsed.expr) + 1n });
  let planned: ReturnType<typeof plan>;
  try {
    planned = plan(environment, parsed);
  } catch (error) {
    return { kind: "not-evaluable", reason: { kind: "syntax", detail: firstLine(error instanceof Error ? error.message : String(error)) } };
  }
  const program: Program = (self) => {
    try {
      return planned({ self });
    } catch (error) {
      // The library answers errors as values; an exception is one too, never a crash of the check.
      return celError(error);
    }
  };
  return { kind: "program", program };
}

type Expr = NonNullable<ReturnType<typeof parse>["expr"]>;

/** Wraps each comprehension step in `@slipway_meter(<nodes the step evaluates>, step)`, so every iteration is charged. */
function meterComprehensions(expr: Expr | undefined, ids: { next: bigint }): void {
  if (expr === undefined) return;
  for (const child of children(expr)) meterComprehensions(child, ids);
  if (expr.exprKind.case !== "comprehensionExpr") return;
  const comprehension = expr.exprKind.value;
  const step = comprehension.loopStep;
  if (step === undefined) return;
  const units = BigInt(nodeCount(step) + nodeCount(comprehension.loopCondition));
  const constant = { ...step, id: ids.next++, exprKind: { case: "constExpr", value: { $typeName: "cel.expr.Constant", constantKind: { case: "int64Value", value: units } } } };
  comprehension.loopStep = {
    ...step,
    id: ids.next++,
    exprKind: { case: "callExpr", value: { $typeName: "cel.expr.Expr.Call", function: METER_FUNCTION, args: [constant, step] } },
  } as unknown as Expr;
}

function nodeCount(expr: Expr | undefined): number {
  if (expr === undefined) return 0;
  return 1 + children(expr).reduce((total, child) => total + nodeCount(child), 0);
}

function maxId(expr: Expr | undefined): bigint {
  if (expr === undefined) return 0n;
  return children(expr).reduce((highest, child) => {
    const id = maxId(child);
    return id > highest ? id : highest;
  }, expr.id);
}

function children(expr: Expr): Expr[] {
  const kind = expr.exprKind;
  switch (kind.case) {
    case "selectExpr":
      return kind.value.operand === undefined ? [] : [kind.value.operand];
    case "callExpr":
      return [...(kind.value.target === undefined ? [] : [kind.value.target]), ...kind.value.args];
    case "listExpr":
      return [...kind.value.elements];
    case "structExpr":
      return kind.value.entries.flatMap((entry) => [...(entry.keyKind.case === "mapKey" ? [entry.keyKind.value] : []), ...(entry.value === undefined ? [] : [entry.value])]);
    case "comprehensionExpr": {
      const c = kind.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter((part): part is Expr => part !== undefined);
    }
    default:
      return [];
  }
}

/** Walks the syntax tree: does it read `oldSelf`, and which functions does the library not have? */
function collectReferences(expr: Expr | undefined, bound: ReadonlySet<string>, into: { oldSelf: boolean; missing: Set<string> }): void {
  if (expr === undefined) return;
  const kind = expr.exprKind;
  switch (kind.case) {
    case "identExpr":
      if (kind.value.name === "oldSelf" && !bound.has("oldSelf")) into.oldSelf = true;
      return;
    case "selectExpr":
      collectReferences(kind.value.operand, bound, into);
      return;
    case "callExpr": {
      const call = kind.value;
      const target = call.target?.exprKind.case === "identExpr" && !bound.has(call.target.exprKind.value.name) && call.target.exprKind.value.name !== "oldSelf" ? call.target.exprKind.value.name : undefined;
      const known = PLANNER_OPERATORS.has(call.function) || environment.funcs.find(call.function) !== undefined || (target !== undefined && environment.funcs.find(`${target}.${call.function}`) !== undefined);
      if (!known) into.missing.add(target !== undefined ? `${target}.${call.function}` : call.function);
      if (target === undefined) collectReferences(call.target, bound, into);
      for (const argument of call.args) collectReferences(argument, bound, into);
      return;
    }
    case "listExpr":
      for (const element of kind.value.elements) collectReferences(element, bound, into);
      return;
    case "structExpr":
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === "mapKey") collectReferences(entry.keyKind.value, bound, into);
        collectReferences(entry.value, bound, into);
      }
      return;
    case "comprehensionExpr": {
      const comprehension = kind.value;
      collectReferences(comprehension.iterRange, bound, into);
      collectReferences(comprehension.accuInit, bound, into);
      const inner = new Set([...bound, comprehension.iterVar, comprehension.iterVar2, comprehension.accuVar].filter((name) => name !== ""));
      collectReferences(comprehension.loopCondition, inner, into);
      collectReferences(comprehension.loopStep, inner, into);
      collectReferences(comprehension.result, inner, into);
      return;
    }
    default:
      return;
  }
}

/**
 * `fieldPath` as the API server accepts it: `.name` and `['name']` steps (`.spec.x`,
 * `.labels['app.kubernetes.io/name']`). Anything else is ignored and the node's path is used.
 */
export function parseFieldPath(fieldPath: string): string[] | undefined {
  const keys: string[] = [];
  const step = /^(?:\.([A-Za-z_$][A-Za-z0-9_$-]*)|\['((?:[^'\\]|\\.)*)'\])/;
  let rest = fieldPath;
  while (rest !== "") {
    const match = step.exec(rest);
    if (match === null) return undefined;
    keys.push(match[1] ?? (match[2] as string).replace(/\\(.)/g, "$1"));
    rest = rest.slice(match[0].length);
  }
  return keys.length > 0 ? keys : undefined;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
