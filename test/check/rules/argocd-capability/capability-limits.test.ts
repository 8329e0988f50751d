/**
 * The `argocd-capability/*` rules: each limit of the EKS managed Argo CD capability is an
 * error with its message when the check targets the capability, and nothing otherwise.
 */
import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../../src/check/rule.js";
import { LINT_RULES } from "../../../../src/check/rules/index.js";
import { lintRules } from "../../../../src/check/rules/rule-options.js";
import { contextFromYaml } from "../support/run-lint-rules.js";

const CAPABILITY_RULES = LINT_RULES.filter((rule) => rule.category === "argocd-capability");

function application(name: string, extra: { namespace?: string | null; source?: string; destination?: string } = {}): string {
  const namespace = extra.namespace === null ? "" : `\n  namespace: ${extra.namespace ?? "argocd"}`;
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}${namespace}
spec:
  project: default
${extra.source ?? "  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: apps\n    targetRevision: main"}
  destination:
    ${extra.destination ?? "server: arn:aws:eks:eu-west-1:111122223333:cluster/prod"}
    namespace: apps
`;
}

function findingsOf(yaml: string, argocd: CheckContext["argocd"] | "unset" = "eks-capability", rules = CAPABILITY_RULES): string[] {
  const context: CheckContext = argocd === "unset" ? contextFromYaml(yaml) : { ...contextFromYaml(yaml), argocd };
  return rules.flatMap((rule) => rule.check(context)).map((finding) => `${finding.ruleId} ${finding.object}: ${finding.message}`);
}

const PLUGIN_SOURCE = "  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: apps\n    plugin:\n      name: sops";
const PLUGIN_IN_SOURCES = "  sources:\n    - repoURL: https://github.com/acme/charts.git\n      path: a\n    - repoURL: https://github.com/acme/gitops.git\n      path: b\n      plugin: {}";

describe("GIVEN the argocd-capability rules and a check for the EKS capability", () => {
  it.each<[string, string, string[]]>([
    ["an Application in argocd from plain manifests on the cluster ARN", application("ok"), []],
    ["an Application in another namespace", application("elsewhere", { namespace: "team-a" }), ["argocd-capability/namespace Application team-a/elsewhere: Application is in namespace team-a; the EKS Argo CD capability reads Applications only in argocd"]],
    ["an Application without a namespace", application("floating", { namespace: null }), ["argocd-capability/namespace Application floating: Application has no metadata.namespace: it would land in whatever namespace it is applied to, and the EKS Argo CD capability reads only argocd"]],
    [
      "an AppProject outside argocd",
      "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: team\n  namespace: team-a\nspec: {}\n",
      ["argocd-capability/namespace AppProject team-a/team: AppProject is in namespace team-a; the EKS Argo CD capability reads AppProjects only in argocd"],
    ],
    ["a config management plugin in source", application("sops", { source: PLUGIN_SOURCE }), ["argocd-capability/plugin Application argocd/sops: spec.source.plugin (sops) needs a config management plugin; the EKS Argo CD capability runs none"]],
    ["a config management plugin in the second of sources", application("multi", { source: PLUGIN_IN_SOURCES }), ["argocd-capability/plugin Application argocd/multi: spec.sources[1].plugin needs a config management plugin; the EKS Argo CD capability runs none"]],
    [
      "an ApplicationSet whose template uses a plugin and the in-cluster server",
      "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: set\n  namespace: argocd\nspec:\n  template:\n    spec:\n      source:\n        repoURL: https://github.com/acme/gitops.git\n        plugin: {name: kustomize-helm}\n      destination:\n        server: https://kubernetes.default.svc/\n",
      [
        "argocd-capability/plugin ApplicationSet argocd/set: spec.template.spec.source.plugin (kustomize-helm) needs a config management plugin; the EKS Argo CD capability runs none",
        "argocd-capability/in-cluster ApplicationSet argocd/set: destination.server is https://kubernetes.default.svc, which the EKS Argo CD capability does not support: it runs outside the cluster",
      ],
    ],
    ["an Application on kubernetes.default.svc", application("local", { destination: "server: https://kubernetes.default.svc" }), ["argocd-capability/in-cluster Application argocd/local: destination.server is https://kubernetes.default.svc, which the EKS Argo CD capability does not support: it runs outside the cluster"]],
    ["an Application on a registered cluster by name", application("named", { destination: "name: in-cluster" }), []],
    ["an Application-like object of another group", "apiVersion: example.com/v1\nkind: Application\nmetadata:\n  name: x\n  namespace: other\nspec:\n  source: {plugin: {}}\n", []],
  ])("WHEN the input holds %s THEN the findings are exactly those expected", (_, yaml, expected) => {
    expect(findingsOf(yaml).sort()).toEqual([...expected].sort());
  });

  it("WHEN the input holds 1,001 Applications THEN one finding names the count, on the 1,001st", () => {
    const yaml = Array.from({ length: 1001 }, (_, index) => application(`app-${String(index).padStart(4, "0")}`)).join("---\n");
    expect(findingsOf(yaml)).toEqual(["argocd-capability/application-count Application argocd/app-1000: the input holds 1001 Applications; the EKS Argo CD capability manages at most 1000"]);
  });

  it("WHEN the input holds exactly 1,000 Applications THEN nothing is reported", () => {
    const yaml = Array.from({ length: 1000 }, (_, index) => application(`app-${index}`)).join("---\n");
    expect(findingsOf(yaml)).toEqual([]);
  });

  it("WHEN the rules config lowers maxApplications and moves the namespace THEN the rules follow it", () => {
    const rules = lintRules({ params: { "argocd-capability/application-count": { maxApplications: 1 }, "argocd-capability/namespace": { namespace: "gitops" } } }).filter((rule) => rule.category === "argocd-capability");
    const yaml = [application("a", { namespace: "gitops" }), application("b", { namespace: "gitops" })].join("---\n");
    expect(findingsOf(yaml, "eks-capability", rules)).toEqual(["argocd-capability/application-count Application gitops/b: the input holds 2 Applications; the EKS Argo CD capability manages at most 1"]);
  });
});

describe("GIVEN the argocd-capability rules and a check for a self-managed Argo CD", () => {
  it.each<[string, CheckContext["argocd"] | "unset"]>([
    ["self-managed", "self-managed"],
    ["left unset", "unset"],
  ])("WHEN the target is %s THEN every capability limit is ignored", (_, argocd) => {
    const yaml = [application("elsewhere", { namespace: "team-a", source: PLUGIN_SOURCE, destination: "server: https://kubernetes.default.svc" })].join("---\n");
    expect(findingsOf(yaml, argocd)).toEqual([]);
  });
});

describe("GIVEN the registry", () => {
  it("WHEN the capability rules are listed THEN four are registered as errors", () => {
    expect(CAPABILITY_RULES.map((rule) => [rule.id, rule.severity])).toEqual([
      ["argocd-capability/namespace", "error"],
      ["argocd-capability/plugin", "error"],
      ["argocd-capability/application-count", "error"],
      ["argocd-capability/in-cluster", "error"],
    ]);
  });
});
