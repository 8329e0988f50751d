import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { allSettled, applicationStatus, notWaitedFor, unservedApplications, type ApplicationStatus } from "../../src/local/argocd-sync.js";

const GITOPS = "https://github.com/example/platform-gitops.git";

function application(name: string, source: Record<string, unknown> | Record<string, unknown>[]): KubeObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name, namespace: "argocd" },
    spec: { project: "platform", destination: { server: "https://kubernetes.default.svc" }, ...(Array.isArray(source) ? { sources: source } : { source }) },
  };
}

const served = {
  git: [{ url: GITOPS, directory: "/tmp/unused" }],
  charts: [{ url: "https://charts.jetstack.io", charts: [{ name: "cert-manager", version: "v1.19.1", path: "/tmp/cert-manager.tgz" }] }],
};

describe("unservedApplications", () => {
  it.each([
    ["a path in the GitOps repository", application("root", { repoURL: GITOPS, path: "apps" }), []],
    ["the GitOps repository spelt with another case and without .git", application("apps", { repoURL: "https://GitHub.com/example/platform-gitops/", path: "apps" }), []],
    ["a chart the proxy serves", application("cert-manager", { repoURL: "https://charts.jetstack.io", chart: "cert-manager", targetRevision: "v1.19.1" }), []],
    ["a team's own repository", application("team-a-extra", { repoURL: "https://github.com/team-a/deploy.git", path: "." }), ["team-a-extra"]],
    ["a chart version the proxy does not serve", application("cert-manager", { repoURL: "https://charts.jetstack.io", chart: "cert-manager", targetRevision: "v1.18.0" }), ["cert-manager"]],
    ["several sources, one of them not served", application("multi", [{ repoURL: GITOPS, path: "values" }, { repoURL: "https://github.com/team-b/deploy.git", path: "." }]), ["multi"]],
  ])("GIVEN an Application with %s WHEN listed THEN the unserved ones are %j", (_what, object, expected) => {
    expect(unservedApplications([object], served).map((entry) => entry.name)).toEqual(expected);
  });

  it("GIVEN a chart the resolver could not find WHEN listed THEN the reason is the resolver's message", () => {
    const object = application("loki", { repoURL: "https://grafana.github.io/helm-charts", chart: "loki", targetRevision: "6.0.0" });
    const [entry] = unservedApplications([object], served, new Map([["https://grafana.github.io/helm-charts loki 6.0.0", "CHART_UNAVAILABLE: loki 6.0.0 is not in the cache"]]));
    expect(entry).toEqual({ name: "loki", repoURL: "https://grafana.github.io/helm-charts", why: "chart loki 6.0.0 is not served locally: CHART_UNAVAILABLE: loki 6.0.0 is not in the cache" });
  });

  it("GIVEN objects that are not Applications WHEN listed THEN they are ignored", () => {
    expect(unservedApplications([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { repoURL: "https://elsewhere" } }], served)).toEqual([]);
  });
});

describe("allSettled", () => {
  const status = (name: string, sync: string, health: string): ApplicationStatus => applicationStatus({ metadata: { name }, status: { sync: { status: sync }, health: { status: health } } });
  it.each([
    ["every Application Synced and Healthy", [status("a", "Synced", "Healthy"), status("b", "Synced", "Healthy")], [], true],
    ["one OutOfSync", [status("a", "Synced", "Healthy"), status("b", "OutOfSync", "Missing")], [], false],
    ["one Progressing", [status("a", "Synced", "Progressing")], [], false],
    ["the one OutOfSync is not served locally", [status("a", "Synced", "Healthy"), status("b", "OutOfSync", "Missing")], ["b"], true],
  ])("GIVEN %s WHEN judged THEN settled is %s", (_what, statuses, unserved, expected) => {
    expect(allSettled(statuses, new Set(unserved))).toBe(expected);
  });
});

describe("notWaitedFor", () => {
  const statuses = ["root", "api-server", "by-hand", "team-a-extra"].map((name) => applicationStatus({ metadata: { name } }));
  it.each([
    ["nothing known", {}, []],
    ["an unserved Application", { unserved: new Set(["team-a-extra"]) }, ["team-a-extra"]],
    ["the tree's Applications", { tree: new Set(["root", "api-server", "team-a-extra"]) }, ["by-hand"]],
    ["both", { unserved: new Set(["team-a-extra"]), tree: new Set(["root", "api-server", "team-a-extra"]) }, ["by-hand", "team-a-extra"]],
  ])("GIVEN %s WHEN the Applications not waited for are listed THEN they are %j", (_what, options, expected) => {
    expect([...notWaitedFor(statuses, options)].sort()).toEqual(expected);
  });
});
