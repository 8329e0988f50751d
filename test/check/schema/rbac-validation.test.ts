import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";
import { rbacProblems } from "../../../src/check/schema/rbac-validation.js";

type Json = Record<string, any>;

/** Valid bindings and roles: each case below tweaks one thing of one. */
const clusterRoleBinding = (change: (document: Json) => void = () => {}): Json => {
  const document: Json = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: "controller" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "controller" },
    subjects: [{ kind: "ServiceAccount", name: "controller", namespace: "system" }, { kind: "User", name: "alice" }, { kind: "Group", name: "devs", apiGroup: "rbac.authorization.k8s.io" }],
  };
  change(document);
  return document;
};
const roleBinding = (change: (document: Json) => void = () => {}): Json => {
  const document: Json = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "reader", namespace: "shop" },
    roleRef: { kind: "Role", name: "reader" },
    subjects: [{ kind: "ServiceAccount", name: "api" }],
  };
  change(document);
  return document;
};
const clusterRole = (change: (document: Json) => void = () => {}): Json => {
  const document: Json = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name: "reader" },
    rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }, { nonResourceURLs: ["/healthz"], verbs: ["get"] }],
  };
  change(document);
  return document;
};

const messages = (document: Json) => objectProblems({ apiVersion: document.apiVersion, kind: document.kind, document }).map((problem) => problem.message);

describe("RBAC validation as the API server does it", () => {
  it.each([
    ["a ClusterRoleBinding (roleRef.apiGroup and a User's apiGroup left to their defaults)", clusterRoleBinding((document) => delete document.roleRef.apiGroup)],
    ["a RoleBinding whose ServiceAccount takes the binding's namespace", roleBinding()],
    ["a ClusterRole with resource and non-resource rules", clusterRole()],
    ["a Role with a null apiGroup on a User (Go reads it as empty, then defaults it)", roleBinding((document) => document.subjects.push({ kind: "User", name: "bob", apiGroup: null }))],
  ])("GIVEN %s WHEN validated THEN nothing is found", (_name, document) => {
    expect(messages(document)).toEqual([]);
  });

  it.each([
    ["a ServiceAccount without namespace in a ClusterRoleBinding", clusterRoleBinding((document) => delete document.subjects[0].namespace), ["subjects[0].namespace: Required value"]],
    ["a subject kind in the wrong case", roleBinding((document) => (document.subjects[0].kind = "serviceaccount")), ['subjects[0].kind: Unsupported value: "serviceaccount": supported values: "ServiceAccount", "User", "Group"']],
    ["a Group in another API group", clusterRoleBinding((document) => (document.subjects[2].apiGroup = "v1")), ['subjects[2].apiGroup: Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"']],
    ["a ServiceAccount with the RBAC API group", roleBinding((document) => (document.subjects[0].apiGroup = "rbac.authorization.k8s.io")), ['subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""']],
    ["a subject without name", roleBinding((document) => delete document.subjects[0].name), ["subjects[0].name: Required value"]],
    ["a ServiceAccount name that is no DNS subdomain", roleBinding((document) => (document.subjects[0].name = "API")), [expect.stringMatching(/^subjects\[0\]\.name: Invalid value: "API": a lowercase RFC 1123 subdomain must consist of/)]],
    ["a ClusterRoleBinding granting a Role", clusterRoleBinding((document) => (document.roleRef.kind = "Role")), ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']],
    ["a roleRef in another API group", roleBinding((document) => (document.roleRef.apiGroup = "rbac.authorization.k8s.io/v1")), ['roleRef.apiGroup: Unsupported value: "rbac.authorization.k8s.io/v1": supported values: "rbac.authorization.k8s.io"']],
    ["a roleRef without name", roleBinding((document) => (document.roleRef.name = "")), ["roleRef.name: Required value"]],
    ["a roleRef name with a slash", roleBinding((document) => (document.roleRef.name = "team/reader")), ['roleRef.name: Invalid value: "team/reader": may not contain \'/\'']],
    ["a rule without verbs", clusterRole((document) => (document.rules[0].verbs = [])), ["rules[0].verbs: Required value: verbs must contain at least one value"]],
    ["a resource rule without apiGroups and resources", clusterRole((document) => (document.rules[0] = { verbs: ["get"] })), ["rules[0].apiGroups: Required value: resource rules must supply at least one api group", "rules[0].resources: Required value: resource rules must supply at least one resource"]],
    ["a rule mixing resources and non-resource URLs", clusterRole((document) => (document.rules[1].resources = ["pods"])), ['rules[1].nonResourceURLs: Invalid value: ["/healthz"]: rules cannot apply to both regular resources and non-resource URLs']],
    ["a Role granting non-resource URLs", clusterRole((document) => ((document.kind = "Role"), (document.metadata.namespace = "shop"), document.rules.splice(0, 1))), ['rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs']],
    ["an empty aggregationRule", clusterRole((document) => (document.aggregationRule = { clusterRoleSelectors: [] })), ["aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil"]],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, document, expected) => {
    expect(messages(document)).toEqual(expected);
  });

  it("GIVEN lists and groups of the wrong type WHEN validated THEN nothing here: the schema step reports them", () => {
    expect(rbacProblems("ClusterRole", clusterRole((document) => (document.rules[0].verbs = "get")))).toEqual([]);
    expect(rbacProblems("RoleBinding", roleBinding((document) => (document.roleRef.apiGroup = 7)))).toEqual([]);
  });
});
