/**
 * Pod Security Standards evaluated as Kubernetes' pod-security admission does: the checks,
 * their registry, the pure evaluation of one pod, and the checker rules built on them.
 */
import type { Rule } from "../rule.js";
import { createPodSecurityRules } from "./pod-security-rules.js";

export { aggregateCheckResults, aggregateForbiddenDetail, type AggregateCheckResult } from "./aggregate.js";
export type { Check, CheckLevel, PodCheckResult, VersionedCheck } from "./check.js";
export { DEFAULT_CHECKS } from "./checks/index.js";
export { evaluatePod, newestPolicyVersion, type EvaluatePodOptions, type PodSecurityResult } from "./evaluate-pod.js";
export { policyFromLabels, type Mode, type NamespacePolicy } from "./namespace-policy.js";
export { podTemplateOf, POD_TEMPLATE_KINDS } from "./pod-templates.js";
export { formatLevelVersion, type Level, type LevelVersion, type PolicyVersion } from "./policy-level.js";
export { createEvaluator, type Evaluator } from "./registry.js";
export { createPodSecurityRules, DEFAULT_ASSUMED_POLICY, type PodSecurityOptions } from "./pod-security-rules.js";

/** One rule per upstream check (`pod-security/hostPorts`...), with the default options. */
export const POD_SECURITY_RULES: readonly Rule[] = createPodSecurityRules();
