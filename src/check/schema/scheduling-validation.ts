/**
 * What the API server refuses in where a pod may run (k8s.io/kubernetes
 * pkg/apis/core/validation, validateAffinity and validateTopologySpreadConstraints), with
 * upstream's messages:
 *
 * - node affinity: a required selector with at least one term; expressions with a label-name
 *   key and the values their operator needs (In and NotIn some, Exists and DoesNotExist none,
 *   Gt and Lt exactly one); field expressions on metadata.name only, with In or NotIn and one
 *   value; preferred terms weighing 1 to 100. (Values are not judged: upstream admits any on
 *   a Gt, and invalid label values where older pods had them.)
 * - pod affinity and anti-affinity: terms with a topologyKey that is a label name, label and
 *   namespace selectors well formed, namespaces that are DNS labels, matchLabelKeys and
 *   mismatchLabelKeys only beside a labelSelector, label names, not both; weights 1 to 100;
 * - topology spread constraints: maxSkew above 0, a topologyKey (any text, as upstream),
 *   whenUnsatisfiable DoNotSchedule or ScheduleAnyway, each {topologyKey, whenUnsatisfiable}
 *   once, minDomains above 0 and only with DoNotSchedule, nodeAffinityPolicy and
 *   nodeTaintsPolicy Honor or Ignore, matchLabelKeys only beside a labelSelector and label
 *   names (1.35 admits a key the labelSelector also has), a well-formed labelSelector.
 */
import { asArray, asRecord, type JsonRecord } from "../rules/support/json.js";
import { dns1123LabelProblems, dns1123SubdomainProblems, labelValueProblems, qualifiedNameProblems } from "../../manifest/kubernetes-names.js";
import { duplicateValue, invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";

const WHEN_UNSATISFIABLE = ["DoNotSchedule", "ScheduleAnyway"];
const INCLUSION_POLICIES = ["Honor", "Ignore"];
const NOT_POSITIVE = "must be greater than zero";

export function schedulingProblems(spec: Readonly<JsonRecord>, specPath: Path): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const affinity = asRecord(spec.affinity);
  if (affinity !== undefined) {
    const nodeAffinity = asRecord(affinity.nodeAffinity);
    if (nodeAffinity !== undefined) nodeAffinityProblems(nodeAffinity, [...specPath, "affinity", "nodeAffinity"], problems);
    for (const kind of ["podAffinity", "podAntiAffinity"] as const) {
      const podAffinity = asRecord(affinity[kind]);
      if (podAffinity === undefined) continue;
      const path: Path = [...specPath, "affinity", kind];
      asArray(podAffinity.requiredDuringSchedulingIgnoredDuringExecution).forEach((item, index) => {
        const term = asRecord(item);
        if (term !== undefined) podAffinityTermProblems(term, [...path, "requiredDuringSchedulingIgnoredDuringExecution", index], problems);
      });
      asArray(podAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((item, index) => {
        const weighted = asRecord(item);
        if (weighted === undefined) return;
        const at: Path = [...path, "preferredDuringSchedulingIgnoredDuringExecution", index];
        weightProblem(weighted.weight, [...at, "weight"], problems);
        const term = asRecord(weighted.podAffinityTerm);
        if (term !== undefined) podAffinityTermProblems(term, [...at, "podAffinityTerm"], problems);
      });
    }
  }
  spreadProblems(spec.topologySpreadConstraints, [...specPath, "topologySpreadConstraints"], problems);
  return problems;
}

function invalid(problems: FieldProblem[], path: Path, value: unknown, detail: string, fix: string): void {
  problems.push({ path, reason: invalidValue(value, detail), fix });
}

function labelNameProblems(key: unknown, path: Path, problems: FieldProblem[], fix: string): void {
  if (typeof key === "string") for (const detail of qualifiedNameProblems(key)) invalid(problems, path, key, detail, fix);
}

function weightProblem(weight: unknown, path: Path, problems: FieldProblem[]): void {
  if (typeof weight === "number" && Number.isInteger(weight) && (weight < 1 || weight > 100)) invalid(problems, path, weight, "must be in the range 1-100", "weigh the term from 1 to 100 (the scheduler adds the weights of the terms a node meets)");
}

function nodeAffinityProblems(nodeAffinity: JsonRecord, path: Path, problems: FieldProblem[]): void {
  const required = asRecord(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution);
  if (required !== undefined) {
    const termsPath: Path = [...path, "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"];
    const terms = asArray(required.nodeSelectorTerms);
    if (terms.length === 0) problems.push({ path: termsPath, reason: "Required value: must have at least one node selector term", fix: "give the required node affinity a term (nodes meeting any term qualify), or remove it" });
    terms.forEach((item, index) => {
      const term = asRecord(item);
      if (term !== undefined) nodeSelectorTermProblems(term, [...termsPath, index], problems);
    });
  }
  asArray(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((item, index) => {
    const preferred = asRecord(item);
    if (preferred === undefined) return;
    const at: Path = [...path, "preferredDuringSchedulingIgnoredDuringExecution", index];
    weightProblem(preferred.weight, [...at, "weight"], problems);
    const term = asRecord(preferred.preference);
    if (term !== undefined) nodeSelectorTermProblems(term, [...at, "preference"], problems);
  });
}

function nodeSelectorTermProblems(term: JsonRecord, path: Path, problems: FieldProblem[]): void {
  asArray(term.matchExpressions).forEach((item, index) => {
    const requirement = asRecord(item);
    if (requirement === undefined) return;
    const at: Path = [...path, "matchExpressions", index];
    const { operator } = requirement;
    const count = asArray(requirement.values).length;
    if (operator === "In" || operator === "NotIn") {
      if (count === 0) problems.push({ path: [...at, "values"], reason: "Required value: must be specified when `operator` is 'In' or 'NotIn'", fix: `list the label values ${operator} compares with` });
    } else if (operator === "Exists" || operator === "DoesNotExist") {
      if (count > 0) problems.push({ path: [...at, "values"], reason: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", fix: `remove the values: ${operator} tests the key only` });
    } else if (operator === "Gt" || operator === "Lt") {
      if (count !== 1) problems.push({ path: [...at, "values"], reason: "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'", fix: `give ${operator} one value, a whole number` });
    } else if (typeof operator === "string") {
      invalid(problems, [...at, "operator"], operator, "not a valid selector operator", "use In, NotIn, Exists, DoesNotExist, Gt or Lt");
    }
    labelNameProblems(requirement.key, [...at, "key"], problems, "use a node label key, such as topology.kubernetes.io/zone");
  });
  asArray(term.matchFields).forEach((item, index) => {
    const requirement = asRecord(item);
    if (requirement === undefined) return;
    const at: Path = [...path, "matchFields", index];
    const { operator } = requirement;
    const values = asArray(requirement.values);
    if (operator === "In" || operator === "NotIn") {
      if (values.length !== 1) problems.push({ path: [...at, "values"], reason: "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector", fix: "give the field expression one node name" });
    } else if (typeof operator === "string") {
      invalid(problems, [...at, "operator"], operator, "not a valid selector operator", "use In or NotIn on metadata.name");
    }
    if (requirement.key !== "metadata.name") {
      if (typeof requirement.key === "string") invalid(problems, [...at, "key"], requirement.key, "not a valid field selector key", "select nodes by metadata.name (labels go in matchExpressions)");
    } else {
      values.forEach((value, valueIndex) => {
        if (typeof value === "string") for (const detail of dns1123SubdomainProblems(value)) invalid(problems, [...at, "values", valueIndex], value, detail, "give a node's name");
      });
    }
  });
}

/** ValidateLabelSelector (metav1 validation) on a pod's selectors: well-formed expressions and label values. */
function labelSelectorProblems(selector: JsonRecord, path: Path, problems: FieldProblem[]): void {
  for (const [key, value] of Object.entries(asRecord(selector.matchLabels) ?? {})) {
    labelNameProblems(key, [...path, "matchLabels"], problems, "use a valid label key");
    if (typeof value === "string") for (const detail of labelValueProblems(value)) invalid(problems, [...path, "matchLabels"], value, detail, "use a valid label value (at most 63 alphanumerics, '-', '_' or '.')");
  }
  asArray(selector.matchExpressions).forEach((item, index) => {
    const requirement = asRecord(item);
    if (requirement === undefined) return;
    const at: Path = [...path, "matchExpressions", index];
    const { operator } = requirement;
    const values = asArray(requirement.values);
    if (operator === "In" || operator === "NotIn") {
      if (values.length === 0) problems.push({ path: [...at, "values"], reason: "Required value: must be specified when `operator` is 'In' or 'NotIn'", fix: `list the label values ${operator} compares with` });
    } else if (operator === "Exists" || operator === "DoesNotExist") {
      if (values.length > 0) problems.push({ path: [...at, "values"], reason: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", fix: `remove the values: ${operator} tests the key only` });
    } else if (typeof operator === "string") {
      invalid(problems, [...at, "operator"], operator, "not a valid selector operator", "use In, NotIn, Exists or DoesNotExist");
    }
    labelNameProblems(requirement.key, [...at, "key"], problems, "use a valid label key");
    values.forEach((value, valueIndex) => {
      if (typeof value === "string") for (const detail of labelValueProblems(value)) invalid(problems, [...at, "values", valueIndex], value, detail, "use a valid label value");
    });
  });
}

/** validateLabelKeys: label names, and only beside a labelSelector. */
function labelKeysProblems(keys: unknown, selector: unknown, path: Path, problems: FieldProblem[]): void {
  const list = asArray(keys);
  if (list.length === 0) return;
  if (selector === undefined || selector === null) {
    problems.push({ path, reason: "Forbidden: must not be specified when labelSelector is not set", fix: `add a labelSelector, or remove ${String(path[path.length - 1])}` });
    return;
  }
  list.forEach((key, index) => labelNameProblems(key, [...path, index], problems, "name a pod label key, such as pod-template-hash"));
}

function podAffinityTermProblems(term: JsonRecord, path: Path, problems: FieldProblem[]): void {
  for (const field of ["labelSelector", "namespaceSelector"] as const) {
    const selector = asRecord(term[field]);
    if (selector !== undefined) labelSelectorProblems(selector, [...path, field], problems);
  }
  for (const namespace of asArray(term.namespaces)) {
    if (typeof namespace === "string") for (const detail of dns1123LabelProblems(namespace)) invalid(problems, [...path, "namespace"], namespace, detail, "name a namespace (a lowercase RFC 1123 label)");
  }
  labelKeysProblems(term.matchLabelKeys, term.labelSelector, [...path, "matchLabelKeys"], problems);
  labelKeysProblems(term.mismatchLabelKeys, term.labelSelector, [...path, "mismatchLabelKeys"], problems);
  const mismatch = new Set(asArray(term.mismatchLabelKeys));
  asArray(term.matchLabelKeys).forEach((key, index) => {
    if (mismatch.has(key)) invalid(problems, [...path, "matchLabelKeys", index], key, "exists in both matchLabelKeys and mismatchLabelKeys", `keep "${String(key)}" in matchLabelKeys or in mismatchLabelKeys`);
  });
  const topologyKey = term.topologyKey;
  if (topologyKey === "" || topologyKey === undefined || topologyKey === null) problems.push({ path: [...path, "topologyKey"], reason: "Required value: can not be empty", fix: "set topologyKey to the node label that groups nodes, such as kubernetes.io/hostname or topology.kubernetes.io/zone" });
  labelNameProblems(topologyKey ?? "", [...path, "topologyKey"], problems, "set topologyKey to a node label key, such as kubernetes.io/hostname");
}

function spreadProblems(value: unknown, path: Path, problems: FieldProblem[]): void {
  const constraints = asArray(value).map((item) => asRecord(item));
  constraints.forEach((constraint, index) => {
    if (constraint === undefined) return;
    const at: Path = [...path, index];
    const { maxSkew, topologyKey, whenUnsatisfiable, minDomains } = constraint;
    if (typeof maxSkew === "number" && Number.isInteger(maxSkew) && maxSkew <= 0) invalid(problems, [...at, "maxSkew"], maxSkew, NOT_POSITIVE, "set maxSkew to 1 or more (the largest difference in matching pods between two domains)");
    if (topologyKey === "" || topologyKey === undefined || topologyKey === null) problems.push({ path: [...at, "topologyKey"], reason: "Required value: can not be empty", fix: "set topologyKey to the node label that makes the domains, such as topology.kubernetes.io/zone" });
    if (typeof whenUnsatisfiable === "string" && !WHEN_UNSATISFIABLE.includes(whenUnsatisfiable)) problems.push({ path: [...at, "whenUnsatisfiable"], reason: unsupportedValue(whenUnsatisfiable, WHEN_UNSATISFIABLE), fix: "set whenUnsatisfiable to DoNotSchedule or ScheduleAnyway" });
    if (typeof topologyKey === "string" && typeof whenUnsatisfiable === "string") {
      const repeated = constraints.slice(index + 1).some((other) => other?.topologyKey === topologyKey && other.whenUnsatisfiable === whenUnsatisfiable);
      if (repeated) problems.push({ path: [...at, "{topologyKey, whenUnsatisfiable}"], reason: duplicateValue(`{${topologyKey}, ${whenUnsatisfiable}}`), fix: `merge the constraints on ${topologyKey} with ${whenUnsatisfiable}: one per topology key and action` });
    }
    if (typeof minDomains === "number" && Number.isInteger(minDomains)) {
      if (minDomains <= 0) invalid(problems, [...at, "minDomains"], minDomains, NOT_POSITIVE, "set minDomains to 1 or more, or remove it");
      else if (whenUnsatisfiable !== "DoNotSchedule") invalid(problems, [...at, "minDomains"], minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${typeof whenUnsatisfiable === "string" ? whenUnsatisfiable : ""}`, "remove minDomains, or set whenUnsatisfiable: DoNotSchedule");
    }
    for (const field of ["nodeAffinityPolicy", "nodeTaintsPolicy"] as const) {
      const policy = constraint[field];
      if (typeof policy === "string" && !INCLUSION_POLICIES.includes(policy)) problems.push({ path: [...at, field], reason: unsupportedValue(policy, INCLUSION_POLICIES), fix: `set ${field} to Honor or Ignore` });
    }
    labelKeysProblems(constraint.matchLabelKeys, constraint.labelSelector, [...at, "matchLabelKeys"], problems);
    const selector = asRecord(constraint.labelSelector);
    if (selector !== undefined) labelSelectorProblems(selector, [...at, "labelSelector"], problems);
  });
}
