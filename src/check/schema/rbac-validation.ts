/**
 * The API server's validation of RBAC objects beyond their schema (k8s.io/kubernetes
 * pkg/apis/rbac/validation), with upstream's messages, judged after upstream's defaulting
 * (pkg/apis/rbac/v1/defaults.go: an empty `roleRef.apiGroup` becomes
 * rbac.authorization.k8s.io, as does a User's or Group's empty subject `apiGroup`):
 *
 * - RoleBinding and ClusterRoleBinding (ValidateRoleBinding, ValidateClusterRoleBinding):
 *   `roleRef.apiGroup` rbac.authorization.k8s.io, `roleRef.kind` Role or ClusterRole (only
 *   ClusterRole for a ClusterRoleBinding), `roleRef.name` present and a path segment;
 * - their subjects (ValidateRoleBindingSubject): a name; a kind of ServiceAccount, User or
 *   Group; a ServiceAccount named as a DNS subdomain, in the core group, and, in a
 *   ClusterRoleBinding, with its namespace (a cluster-wide binding has none to lend it);
 *   a User or Group in the rbac.authorization.k8s.io group;
 * - the rules of Roles and ClusterRoles (ValidatePolicyRule): verbs; non-resource URLs only
 *   in ClusterRoles and never mixed with resources; otherwise apiGroups and resources;
 * - a ClusterRole's `aggregationRule` with at least one `clusterRoleSelectors` entry.
 */
import { asArray, asRecord, type JsonRecord } from "../rules/support/json.js";
import { invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import { dns1123SubdomainProblems, pathSegmentNameProblems } from "../../manifest/kubernetes-names.js";


const RBAC_GROUP = "rbac.authorization.k8s.io";
const SUBJECT_KINDS = ["ServiceAccount", "User", "Group"];

/** The problems of an object of the RBAC group; nothing for other kinds. */
export function rbacProblems(kind: string, document: JsonRecord): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (kind === "RoleBinding" || kind === "ClusterRoleBinding") bindingProblems(kind, document, problems);
  if (kind === "Role" || kind === "ClusterRole") {
    asArray(document.rules).forEach((rule, index) => {
      const record = asRecord(rule);
      if (record !== undefined) policyRuleProblems(record, kind === "Role", ["rules", index], problems);
    });
  }
  if (kind === "ClusterRole") {
    const aggregation = asRecord(document.aggregationRule);
    const selectors = aggregation?.clusterRoleSelectors;
    if (aggregation !== undefined && (isEmpty(selectors) || (Array.isArray(selectors) && selectors.length === 0))) {
      problems.push({
        path: ["aggregationRule", "clusterRoleSelectors"],
        reason: "Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
        fix: "list the label selectors of the ClusterRoles to aggregate, or remove aggregationRule",
      });
    }
  }
  return problems;
}

function bindingProblems(kind: string, document: JsonRecord, problems: FieldProblem[]): void {
  const namespaced = kind === "RoleBinding";
  const roleRef = asRecord(document.roleRef);
  if (roleRef !== undefined) {
    const apiGroup = isEmpty(roleRef.apiGroup) ? RBAC_GROUP : roleRef.apiGroup;
    if (typeof apiGroup === "string" && apiGroup !== RBAC_GROUP) problems.push(notSupported(["roleRef", "apiGroup"], apiGroup, [RBAC_GROUP], `set roleRef.apiGroup to ${RBAC_GROUP}`));
    const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
    if (typeof roleRef.kind === "string" && !kinds.includes(roleRef.kind)) {
      problems.push(notSupported(["roleRef", "kind"], roleRef.kind, kinds, namespaced ? "set roleRef.kind to Role or ClusterRole" : "a ClusterRoleBinding grants a ClusterRole: set roleRef.kind to ClusterRole, or use a RoleBinding for a Role"));
    }
    const name = roleRef.name;
    if (isEmpty(name)) problems.push({ path: ["roleRef", "name"], reason: "Required value", fix: `name the ${namespaced ? "Role or ClusterRole" : "ClusterRole"} to grant in roleRef.name` });
    else if (typeof name === "string") {
      for (const detail of pathSegmentNameProblems(name)) problems.push({ path: ["roleRef", "name"], reason: invalidValue(name, detail), fix: "name an existing role (RBAC names may not contain '/' or '%')" });
    }
  }
  asArray(document.subjects).forEach((item, index) => {
    const subject = asRecord(item);
    if (subject !== undefined) subjectProblems(subject, namespaced, ["subjects", index], problems);
  });
}

function subjectProblems(subject: JsonRecord, namespaced: boolean, path: Path, problems: FieldProblem[]): void {
  const name = subject.name;
  if (isEmpty(name)) problems.push({ path: [...path, "name"], reason: "Required value", fix: "name the ServiceAccount, user or group the binding grants the role to" });
  const kind = subject.kind;
  if (typeof kind !== "string") return;
  if (kind === "ServiceAccount") {
    if (typeof name === "string" && name !== "") {
      for (const detail of dns1123SubdomainProblems(name)) problems.push({ path: [...path, "name"], reason: invalidValue(name, detail), fix: "name the ServiceAccount as it is named (a lowercase DNS subdomain)" });
    }
    if (typeof subject.apiGroup === "string" && subject.apiGroup !== "") problems.push(notSupported([...path, "apiGroup"], subject.apiGroup, [""], 'remove apiGroup from a ServiceAccount subject (ServiceAccounts are in the core group, "")'));
    if (!namespaced && isEmpty(subject.namespace)) {
      problems.push({ path: [...path, "namespace"], reason: "Required value", fix: "give the ServiceAccount subject its namespace: a ClusterRoleBinding has none of its own to lend it" });
    }
  } else if (kind === "User" || kind === "Group") {
    const apiGroup = isEmpty(subject.apiGroup) ? RBAC_GROUP : subject.apiGroup;
    if (typeof apiGroup === "string" && apiGroup !== RBAC_GROUP) problems.push(notSupported([...path, "apiGroup"], apiGroup, [RBAC_GROUP], `set the ${kind} subject's apiGroup to ${RBAC_GROUP} (or remove it)`));
  } else {
    problems.push(notSupported([...path, "kind"], kind, SUBJECT_KINDS, "set the subject's kind to ServiceAccount, User or Group (case matters)"));
  }
}

function policyRuleProblems(rule: JsonRecord, namespaced: boolean, path: Path, problems: FieldProblem[]): void {
  // A list of the wrong type is the schema step's finding: judged only when absent, null or a list.
  if ([rule.verbs, rule.nonResourceURLs, rule.apiGroups, rule.resources, rule.resourceNames].some((value) => !isEmpty(value) && !Array.isArray(value))) return;
  if (asArray(rule.verbs).length === 0) problems.push({ path: [...path, "verbs"], reason: "Required value: verbs must contain at least one value", fix: "list the verbs the rule allows, such as get, list, watch" });
  const urls = asArray(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) problems.push({ path: [...path, "nonResourceURLs"], reason: invalidValue(urls, "namespaced rules cannot apply to non-resource URLs"), fix: "move the non-resource URLs to a ClusterRole (a Role cannot grant them)" });
    if (asArray(rule.apiGroups).length > 0 || asArray(rule.resources).length > 0 || asArray(rule.resourceNames).length > 0) {
      problems.push({ path: [...path, "nonResourceURLs"], reason: invalidValue(urls, "rules cannot apply to both regular resources and non-resource URLs"), fix: "split the rule in two: one with apiGroups and resources, one with nonResourceURLs" });
    }
    return;
  }
  if (asArray(rule.apiGroups).length === 0) problems.push({ path: [...path, "apiGroups"], reason: "Required value: resource rules must supply at least one api group", fix: 'list the API groups of the resources ("" for the core group, such as pods and services)' });
  if (asArray(rule.resources).length === 0) problems.push({ path: [...path, "resources"], reason: "Required value: resource rules must supply at least one resource", fix: "list the resources the rule applies to, such as pods or deployments" });
}

function notSupported(path: Path, value: unknown, supported: readonly string[], fix: string): FieldProblem {
  return { path, reason: unsupportedValue(value, supported), fix };
}

/** Absent, null or "": Go decodes all three to the empty string. */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}
