/**
 * `deprecated-api` and `removed-api`: every object and field of the deprecation table,
 * judged against the target Kubernetes version or the add-on version Slipway deploys.
 */
import { compareVersions } from "../../compare-versions.js";
import { CHARTS, KUBERNETES } from "../../versions.js";
import { describeObject, type Finding, type SourceObject } from "../finding.js";
import type { CheckContext, Rule } from "../rule.js";
import { podTemplatesOf, type PodTemplate } from "../pod-security/pod-templates.js";
import { API_DEPRECATIONS, FIELD_DEPRECATIONS, type ApiDeprecation, type Component, type FieldDeprecation } from "./api-deprecations.js";
import { asRecord } from "../rules/support/json.js";

export const DEPRECATED_API_RULE_ID = "deprecated-api";
export const REMOVED_API_RULE_ID = "removed-api";

/** Version of each add-on the checker judges against: what the generated platform installs. */
export const COMPONENT_VERSIONS: Readonly<Record<Exclude<Component, "kubernetes">, string>> = {
  karpenter: CHARTS.karpenter.appVersion,
  "external-secrets": CHARTS.externalSecrets.appVersion,
  "cert-manager": CHARTS.certManager.appVersion,
  "argo-cd": CHARTS.argoCd.appVersion,
  "argo-rollouts": CHARTS.argoRollouts.appVersion,
  "prometheus-operator": CHARTS.kubePrometheusStack.appVersion,
};

const COMPONENT_NAMES: Readonly<Record<Component, string>> = {
  kubernetes: "Kubernetes",
  karpenter: "Karpenter",
  "external-secrets": "External Secrets",
  "cert-manager": "cert-manager",
  "argo-cd": "Argo CD",
  "argo-rollouts": "Argo Rollouts",
  "prometheus-operator": "Prometheus Operator",
};

export type DeprecationStatus = "removed" | "deprecated" | "current";

function componentVersion(component: Component, kubernetesVersion: string): string {
  return component === "kubernetes" ? kubernetesVersion : COMPONENT_VERSIONS[component];
}

export function statusOf(entry: Pick<ApiDeprecation, "component" | "deprecatedIn" | "removedIn">, kubernetesVersion: string): DeprecationStatus {
  const current = componentVersion(entry.component, kubernetesVersion);
  if (entry.removedIn !== undefined && compareVersions(current, entry.removedIn) >= 0) return "removed";
  if (entry.deprecatedIn !== undefined && compareVersions(current, entry.deprecatedIn) >= 0) return "deprecated";
  return "current";
}

/** apiVersion → kind → entry: two lookups per object, no key built (every object is looked up). */
const apiIndex = new Map<string, Map<string, ApiDeprecation>>();
for (const entry of API_DEPRECATIONS) {
  const byKind = apiIndex.get(entry.apiVersion) ?? new Map<string, ApiDeprecation>();
  apiIndex.set(entry.apiVersion, byKind);
  for (const kind of entry.kinds) byKind.set(kind, entry);
}

/** The table's entry for an object's apiVersion/kind, if any. */
export function apiDeprecationOf(object: Pick<SourceObject, "apiVersion" | "kind">): ApiDeprecation | undefined {
  return apiIndex.get(object.apiVersion)?.get(object.kind);
}

/** Objects the deprecation rules report as removed or deprecated (the schema step stays quiet on them). */
export function isDeprecatedOrRemoved(object: Pick<SourceObject, "apiVersion" | "kind">, kubernetesVersion: string): boolean {
  const entry = apiDeprecationOf(object);
  return entry !== undefined && statusOf(entry, kubernetesVersion) !== "current";
}

/**
 * Both rules' findings in one pass over the objects: the second rule of a run reuses the
 * first one's pass (the walk over every pod template is most of their cost).
 */
const passes = new WeakMap<CheckContext, Readonly<Record<Exclude<DeprecationStatus, "current">, Finding[]>>>();

function apiFindings(context: CheckContext, wanted: Exclude<DeprecationStatus, "current">): Finding[] {
  let pass = passes.get(context);
  if (pass === undefined) {
    pass = deprecationPass(context);
    passes.set(context, pass);
  }
  return pass[wanted];
}

/** A field of the table that the target versions deprecate or removed. */
interface ApplicableField {
  readonly field: FieldDeprecation;
  readonly status: Exclude<DeprecationStatus, "current">;
}

function deprecationPass(context: CheckContext): Record<Exclude<DeprecationStatus, "current">, Finding[]> {
  const found: Record<Exclude<DeprecationStatus, "current">, Finding[]> = { removed: [], deprecated: [] };
  // Statuses depend on the versions only: judged once per run, not once per object.
  const fields = FIELD_DEPRECATIONS.flatMap((field): ApplicableField[] => {
    const status = statusOf(field, context.kubernetesVersion);
    return status === "current" ? [] : [{ field, status }];
  });
  // Which fields apply to a kind is the same for every object of it; pod-scoped ones only matter to objects that run a pod.
  const byKind = new Map<string, { readonly all: readonly ApplicableField[]; readonly objectScoped: readonly ApplicableField[]; readonly podScoped: boolean }>();
  const fieldsOfKind = (kind: string) => {
    let applicable = byKind.get(kind);
    if (applicable === undefined) {
      const all = fields.filter(({ field }) => field.kinds.length === 0 || field.kinds.includes(kind));
      const objectScoped = all.filter(({ field }) => field.scope === "object");
      applicable = { all, objectScoped, podScoped: objectScoped.length < all.length };
      byKind.set(kind, applicable);
    }
    return applicable;
  };
  const pods = podTemplatesOf(context.objects).byObject;
  const apiStatuses = new Map<ApiDeprecation, DeprecationStatus>();
  for (const object of context.objects) {
    const entry = apiDeprecationOf(object);
    let status = entry === undefined ? undefined : apiStatuses.get(entry);
    if (entry !== undefined && status === undefined) {
      status = statusOf(entry, context.kubernetesVersion);
      apiStatuses.set(entry, status);
    }
    if (entry !== undefined && status !== undefined && status !== "current") {
      const component = COMPONENT_NAMES[entry.component];
      const version = plain((status === "removed" ? entry.removedIn : entry.deprecatedIn) ?? "");
      const message =
        status === "removed"
          ? `${object.kind} ${object.apiVersion} was removed in ${component} ${version}; ${judgedAgainst(entry.component, context.kubernetesVersion)}`
          : `${object.kind} ${object.apiVersion} is deprecated since ${component} ${version}${entry.removedIn ? ` and removed in ${plain(entry.removedIn)}` : ""}`;
      found[status].push(deprecationFinding(status, object, message, entry.replacement));
    }
    const applicable = fieldsOfKind(object.kind);
    const template = applicable.podScoped ? pods.get(object) : undefined;
    // Fields keep the table's order, object-scoped and pod-scoped alike, and so do the findings.
    for (const { field, status: fieldStatus } of template === undefined ? applicable.objectScoped : applicable.all) {
      if (field.name !== undefined && object.name !== field.name) continue;
      for (const match of matchPath(scopeRoot(object, field.scope, template), field.path, field.value)) {
        const path = [...scopePath(field.scope, template), ...match].join(".");
        const version = fieldStatus === "removed" ? field.removedIn : field.deprecatedIn;
        const message = `${path}${field.value ? `: ${field.value}` : ""} ${fieldStatus === "removed" ? "was removed in" : "is deprecated since"} ${COMPONENT_NAMES[field.component]} ${plain(version ?? "")}`;
        found[fieldStatus].push(deprecationFinding(fieldStatus, object, message, field.replacement));
      }
    }
  }
  return found;
}

/** A finding of either rule: removed is an error, deprecated a warning. */
function deprecationFinding(status: Exclude<DeprecationStatus, "current">, object: SourceObject, message: string, replacement: string): Finding {
  return {
    ruleId: status === "removed" ? REMOVED_API_RULE_ID : DEPRECATED_API_RULE_ID,
    severity: status === "removed" ? "error" : "warning",
    file: object.file,
    line: object.line,
    object: describeObject(object),
    message,
    fix: `use ${replacement}`,
  };
}

function plain(version: string): string {
  return version.replace(/^v/, "");
}

function judgedAgainst(component: Component, kubernetesVersion: string): string {
  return component === "kubernetes" ? `the target is ${kubernetesVersion}` : `the platform installs ${plain(COMPONENT_VERSIONS[component])}`;
}

/** The value a field path is read from: the object, or its pod template's spec or metadata (pod-templates.ts). */
function scopeRoot(object: SourceObject, scope: FieldDeprecation["scope"], template: PodTemplate | undefined): unknown {
  if (scope === "object" || template === undefined) return object.document;
  return scope === "pod-spec" ? template.spec : template.metadata;
}

/** Where that value is in the object, for a finding's path. */
function scopePath(scope: FieldDeprecation["scope"], template: PodTemplate | undefined): readonly string[] {
  if (scope === "object" || template === undefined) return [];
  return [...template.templatePath, scope === "pod-spec" ? "spec" : "metadata"];
}

/**
 * Concrete paths below `root` that match `pattern` from its element `from` on (`*` = any
 * item or key), with an optional value. Every field is tried on every object, so the
 * pattern is walked by index rather than copied at each step.
 */
function matchPath(root: unknown, pattern: readonly string[], value?: string, from = 0): string[][] {
  if (from === pattern.length) return value === undefined || root === value ? [[]] : [];
  const head = pattern[from] as string;
  if (root === null || typeof root !== "object") return [];
  // A literal key is a property access: most fields of most objects are absent.
  if (head !== "*" && !head.endsWith("/*")) {
    if (Array.isArray(root) || !Object.hasOwn(root, head)) return [];
    const tails = matchPath((root as Record<string, unknown>)[head], pattern, value, from + 1);
    if (tails.length === 0) return tails;
    return tails.map((tail) => joinIndexes([head, ...tail]));
  }
  const entries: [string, unknown][] = Array.isArray(root) ? root.map((item, index) => [String(index), item]) : Object.entries(root);
  const results: string[][] = [];
  for (const [key, child] of entries) {
    const matches = head === "*" || key === head || (head.endsWith("/*") && key.startsWith(head.slice(0, -1)));
    if (!matches) continue;
    for (const tail of matchPath(child, pattern, value, from + 1)) results.push([Array.isArray(root) ? `[${key}]` : key, ...tail]);
  }
  return results.map(joinIndexes);
}

/** `["steps", "[1]", "analysis"]` → `["steps[1]", "analysis"]`. */
function joinIndexes(path: string[]): string[] {
  return path.reduce<string[]>((joined, part) => (part.startsWith("[") && joined.length > 0 ? [...joined.slice(0, -1), `${joined[joined.length - 1]}${part}`] : [...joined, part]), []);
}

export const REMOVED_API_RULE: Rule = {
  id: REMOVED_API_RULE_ID,
  category: "deprecation",
  severity: "error",
  description: `API versions and fields removed in the target Kubernetes version (default ${KUBERNETES.newestCheckerVersion}) or in the add-on version the platform installs, and custom resource versions their CRD no longer serves.`,
  remediation: "Migrate the object to the replacement API version named in the finding; kubectl convert or the add-on's migration guide shows the field changes.",
  check: (context) => apiFindings(context, "removed"),
};

export const DEPRECATED_API_RULE: Rule = {
  id: DEPRECATED_API_RULE_ID,
  category: "deprecation",
  severity: "warning",
  description: "API versions and fields that still work but are deprecated in the target Kubernetes version or the add-on version the platform installs, and CRD versions marked deprecated.",
  remediation: "Move to the replacement before the version that removes it; the finding names both.",
  check: (context) => apiFindings(context, "deprecated"),
};

export const DEPRECATION_RULES: readonly Rule[] = [REMOVED_API_RULE, DEPRECATED_API_RULE];
