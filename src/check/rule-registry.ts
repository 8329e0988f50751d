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
import { POD_SECURITY_RULES } from "./pod-security/index.js";
import type { Rule } from "./rule.js";
import { LINT_RULES } from "./rules/index.js";

/** What documents a rule: everything but its check. */
export type RuleDescriptor = Omit<Rule, "check">;

export const ENGINE_RULES: readonly RuleDescriptor[] = [
  {
    id: "parse",
    category: "schema",
    severity: "error",
    description: "Input that is not a Kubernetes object: broken YAML or JSON, binary files, scalars or lists instead of objects, documents without apiVersion or kind, documents over the API server's 3 MiB limit.",
    remediation: "Fix the syntax at the line given, or leave the file out of the input.",
  },
  {
    id: "kustomize",
    category: "schema",
    severity: "error",
    description: "A folder with a kustomization.yaml that kustomize cannot build (its files are then checked one by one).",
    remediation: "Run kubectl kustomize on the folder and fix what it reports.",
  },
  {
    id: "schema",
    category: "schema",
    severity: "error",
    description: "Objects that do not match the schema of their kind for the target Kubernetes version, or the openAPIV3Schema of their CRD's version; unknown fields are errors, as with the API server's strict field validation.",
    remediation: "Fix the field named in the finding; kubectl explain <kind> --recursive lists the valid fields.",
  },
  {
    id: "unknown-kind",
    category: "schema",
    severity: "error",
    description: "Objects whose apiVersion/kind has no schema: neither a kind of the target Kubernetes version nor defined by a CRD from --crds or the input. Never skipped silently.",
    remediation: "Pass the CRD folder with --crds, include the CRD in the input, or fix apiVersion/kind.",
  },
];

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

const byId = new Map<string, RuleDescriptor>([...ENGINE_RULES, ...RULES].map((rule) => [rule.id, rule]));

/** Every rule, engine rules included, sorted by category then id: what the docs list. */
export function allRules(): readonly RuleDescriptor[] {
  return [...byId.values()].sort((a, b) => (a.category === b.category ? (a.id < b.id ? -1 : 1) : a.category < b.category ? -1 : 1));
}

export function ruleById(id: string): RuleDescriptor | undefined {
  return byId.get(id);
}

/**
 * Does a selector from --enable/--disable (or the library options) name this rule? A
 * selector is a rule id, an id prefix (`pod-security` matches `pod-security/hostPorts`)
 * or a category.
 */
export function selects(selector: string, rule: RuleDescriptor): boolean {
  return rule.id === selector || rule.id.startsWith(`${selector}/`) || rule.category === selector;
}
