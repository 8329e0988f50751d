/**
 * Pod Security Standards as checker rules: one rule per upstream check id
 * (`pod-security/hostPorts`), all fed by one evaluation of the input. For every object
 * that runs a pod, the namespace's policy is resolved from its labels (or assumed when the
 * Namespace is not in the input), each mode's level is evaluated, and every forbidden
 * result becomes a finding worded like the API server's: `violates PodSecurity
 * "restricted:latest": hostPort (container "api" uses hostPort 8080)`.
 * Enforce violations are errors; audit and warn violations that enforce lets through are
 * warnings (`would violate ...`, the API server's warning wording). Under an assumed
 * policy every violation is a warning that says it was assumed: without the Namespace
 * there is no evidence the API server would reject the pod (an error must mean it would).
 */
import { describeObject, type Finding, type SourceObject } from "../finding.js";
import type { CheckContext, Rule } from "../rule.js";
import { formatReasonAndDetail, UNKNOWN_FORBIDDEN_REASON } from "./aggregate.js";
import { CHECK_DOCUMENTATION } from "./check-documentation.js";
import { DEFAULT_CHECKS } from "./checks/index.js";
import { applyApiServerDefaults } from "./api-server-defaults.js";
import { defaultEvaluator } from "./evaluate-pod.js";
import { API_SERVER_DEFAULT_POLICY, policyFromLabels, type Mode, type NamespacePolicy } from "./namespace-policy.js";
import { readPodMetadata, readPodSpec } from "./pod-spec.js";
import { podTemplatesOf, type PodTemplate } from "./pod-templates.js";
import { fieldLine, type FieldPath } from "../load/locate-field.js";
import { formatLevelVersion, minorOfKubernetesVersion, type LevelVersion } from "./policy-level.js";

export interface PodSecurityOptions {
  /**
   * Policy assumed (for every mode) when an object's namespace is not in the input, or
   * the object names no namespace. Findings say it was assumed.
   * @default restricted:latest
   */
  readonly assumedPolicy?: LevelVersion;
  /**
   * The cluster's policy for a namespace in the input that has no pod-security labels
   * (its AdmissionConfiguration defaults).
   * @default privileged:latest for every mode, as an API server configured with no defaults
   */
  readonly clusterDefaults?: NamespacePolicy;
}

export const DEFAULT_ASSUMED_POLICY: LevelVersion = { level: "restricted", version: "latest" };

const RULE_PREFIX = "pod-security/";

interface NamespaceContext {
  readonly policy: NamespacePolicy;
  /** Why the policy is what it is, when that is not simply the namespace's labels. */
  readonly note?: string;
  /** The namespace is not in the input: the policy is a guess, its violations warnings. */
  readonly assumed?: boolean;
}

/**
 * The policy of each namespace of the input, resolved from its labels when a pod there is
 * evaluated: a repository often declares many namespaces that run no pod of the input.
 */
function namespaceContexts(objects: readonly SourceObject[], options: PodSecurityOptions): (name: string) => NamespaceContext | undefined {
  const declared = new Map<string, SourceObject>();
  for (const object of objects) {
    // The first Namespace of a name is the one the API server would hold.
    if (object.kind === "Namespace" && object.apiVersion === "v1" && !declared.has(object.name)) declared.set(object.name, object);
  }
  const contexts = new Map<string, NamespaceContext>();
  return (name) => {
    const cached = contexts.get(name);
    if (cached !== undefined) return cached;
    const object = declared.get(name);
    if (object === undefined) return undefined;
    const metadata = object.document.metadata;
    const labels = typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>).labels : undefined;
    const resolved = policyFromLabels(labels, options.clusterDefaults ?? API_SERVER_DEFAULT_POLICY);
    const note =
      resolved.problems.length > 0
        ? `namespace "${object.name}" has invalid labels (${resolved.problems.join("; ")}), evaluated as the API server does`
        : undefined;
    const context = { policy: resolved.policy, note };
    contexts.set(name, context);
    return context;
  };
}

function assumedContext(object: SourceObject, assumed: LevelVersion): NamespaceContext {
  const policy = { enforce: assumed, audit: assumed, warn: assumed };
  const why = object.namespace
    ? `namespace "${object.namespace}" is not in the input`
    : "the object names no namespace";
  return { policy, note: `${why}, so ${formatLevelVersion(assumed)} was assumed`, assumed: true };
}

function sameLevelVersion(a: LevelVersion, b: LevelVersion): boolean {
  return (a.level === "privileged" && b.level === "privileged") || (a.level === b.level && a.version === b.version);
}

function evaluateInput(context: CheckContext, options: PodSecurityOptions): Finding[] {
  const policyOfNamespace = namespaceContexts(context.objects, options);
  const evaluator = defaultEvaluator(minorOfKubernetesVersion(context.kubernetesVersion));
  const findings: Finding[] = [];
  const locate = context.fieldLine ?? ((object: SourceObject, path: FieldPath) => fieldLine(object.document, path));
  for (const { object, template } of podTemplatesOf(context.objects).carriers) {
    const namespace =
      (object.namespace ? policyOfNamespace(object.namespace) : undefined) ??
      assumedContext(object, options.assumedPolicy ?? DEFAULT_ASSUMED_POLICY);
    // Read and default the pod once; each mode's policy is then a table lookup.
    const podMetadata = readPodMetadata(template.metadata);
    const podSpec = applyApiServerDefaults(readPodSpec(template.spec), { isPod: template.isPod });
    const reported = new Set<string>();
    // Enforce first: a check it forbids is an error, and the same check is not repeated as a warning.
    const modes: readonly Mode[] = ["enforce", "warn", "audit"];
    const evaluated: LevelVersion[] = [];
    for (const mode of modes) {
      const levelVersion = namespace.policy[mode];
      if (evaluated.some((done) => sameLevelVersion(done, levelVersion))) continue;
      evaluated.push(levelVersion);
      const results = evaluator.evaluatePod(levelVersion.level, levelVersion.version, podMetadata, podSpec);
      for (const result of results) {
        if (result.allowed || reported.has(result.checkId)) continue;
        reported.add(result.checkId);
        const rejected = mode === "enforce" && namespace.assumed !== true;
        const verb = rejected ? "violates" : "would violate";
        const violation = formatReasonAndDetail(result.forbiddenReason || UNKNOWN_FORBIDDEN_REASON, result.forbiddenDetail ?? "");
        const note = namespace.note ? `; ${namespace.note}` : "";
        findings.push({
          ruleId: RULE_PREFIX + result.checkId,
          severity: rejected ? "error" : "warning",
          file: object.file,
          line: locate(object, violationPath(template, result.forbiddenDetail ?? "")) ?? object.line,
          object: describeObject(object),
          message: `${verb} PodSecurity "${formatLevelVersion(levelVersion)}": ${violation}${note}`,
          fix: CHECK_DOCUMENTATION[result.checkId]?.remediation ?? "Change the pod spec to meet the namespace's Pod Security level.",
        });
      }
    }
  }
  return findings;
}

/**
 * Where a violation points: the one container its detail names (`container "api" must
 * set ...`), else the pod's spec, which holds the fields at fault or lacks them. A detail
 * naming several containers (`containers "a", "b" ...`) points at the pod's spec.
 */
export function violationPath(template: PodTemplate, detail: string): FieldPath {
  const spec = [...template.templatePath, "spec"];
  const named = /(?:^|\s)container "([^"]+)"/.exec(detail)?.[1];
  if (named === undefined || /containers "/.test(detail)) return spec;
  for (const list of ["initContainers", "containers", "ephemeralContainers"] as const) {
    const containers = template.spec[list];
    if (!Array.isArray(containers)) continue;
    const index = containers.findIndex((container: unknown) => typeof container === "object" && container !== null && (container as Record<string, unknown>).name === named);
    if (index !== -1) return [...spec, list, index];
  }
  return spec;
}

/** The rules, one per check, sharing one evaluation per input. */
export function createPodSecurityRules(options: PodSecurityOptions = {}): readonly Rule[] {
  const cache = new WeakMap<CheckContext, Finding[]>();
  const findingsOf = (context: CheckContext): Finding[] => {
    let findings = cache.get(context);
    if (!findings) {
      findings = evaluateInput(context, options);
      cache.set(context, findings);
    }
    return findings;
  };
  return DEFAULT_CHECKS.map((check): Rule => {
    const documentation = CHECK_DOCUMENTATION[check.id];
    if (!documentation) throw new Error(`Pod Security check ${check.id} has no documentation entry`);
    const id = RULE_PREFIX + check.id;
    return {
      id,
      category: "pod-security",
      severity: "error",
      description: documentation.description,
      remediation: documentation.remediation,
      check: (context) => findingsOf(context).filter((finding) => finding.ruleId === id),
    };
  });
}
