import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { teamApplicationsGenerator } from "../../../src/gitops/argocd/team-applications.js";
import { isManifestFile } from "../../../src/gitops/gitops-file.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { SYNC_WAVES } from "../../../src/gitops/sync-waves.js";
import { SlipwayError } from "../../../src/errors.js";
import { schemaProblems } from "../../support/schema-problems.js";

const GITOPS = "https://github.com/example-org/platform-gitops.git";

const teamA = {
  sourceRepos: [GITOPS, "https://github.com/acme/*", "git@github.com:acme/tools.git"],
  applications: {
    dashboards: { path: "./teams/team-a/dashboards/", namespace: "production" },
    worker: { repoURL: "https://github.com/acme/worker.git", path: "deploy", namespace: "staging" },
    pinned: { repoURL: "git@github.com:acme/tools.git", path: ".", namespace: "development", targetRevision: "v1.2.3" },
  },
};

function generated(input: unknown) {
  const spec = parseSpec(input, "test");
  return teamApplicationsGenerator({ spec, names: platformNames(spec) }).filter(isManifestFile);
}

function problems(input: unknown): string {
  try {
    parseSpec(input, "test");
  } catch (error) {
    expect(error).toBeInstanceOf(SlipwayError);
    return (error as SlipwayError).problems.join("\n");
  }
  throw new Error("expected the spec to be refused");
}

describe("GIVEN teams with their own Applications", () => {
  it("WHEN synthesized THEN each is an Application of the team's project in the applications wave, under apps/teams/<team>/", () => {
    const files = generated({ teams: { "team-a": teamA } });
    expect(files.map((file) => file.path)).toEqual(["apps/teams/team-a/dashboards.yaml", "apps/teams/team-a/pinned.yaml", "apps/teams/team-a/worker.yaml"]);
    const [dashboards, pinned, worker] = files.map((file) => file.objects[0]!);
    expect(dashboards!.metadata.annotations).toEqual({ "argocd.argoproj.io/sync-wave": String(SYNC_WAVES.applications) });
    expect(SYNC_WAVES.applications).toBeGreaterThan(SYNC_WAVES.tenancy);
    expect(dashboards!.spec).toMatchObject({
      project: "team-a",
      source: { repoURL: GITOPS, targetRevision: "main", path: "teams/team-a/dashboards" },
      destination: { namespace: "production" },
    });
    expect(worker!.spec).toMatchObject({ source: { repoURL: "https://github.com/acme/worker.git", targetRevision: "HEAD", path: "deploy" }, destination: { namespace: "staging" } });
    expect(pinned!.spec).toMatchObject({ source: { repoURL: "git@github.com:acme/tools.git", targetRevision: "v1.2.3", path: "." } });
  });

  it("WHEN the whole tree is synthesized THEN the root Application's apps/ folder lists them (app-of-apps)", () => {
    const tree = synthesizeGitOps(parseSpec({ teams: { "team-a": teamA } }, "test"));
    expect(tree.get("apps/kustomization.yaml")).toContain("- teams");
    expect(tree.get("apps/teams/team-a/kustomization.yaml")).toContain("- worker.yaml");
  });

  it("WHEN validated like `slipway check` THEN every Application matches the upstream Application CRD", async () => {
    expect(await schemaProblems(generated({ teams: { "team-a": teamA } }).flatMap((file) => [...file.objects]))).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    [
      "a namespace of another team",
      { teams: { "team-a": {}, ops: { applications: { x: { path: "x", namespace: "production" } } } } },
      `teams.ops.applications.x.namespace: namespace "production" belongs to team "team-a"; team "ops" may deploy only to its own namespaces`,
    ],
    [
      "a platform namespace",
      { teams: { "team-a": { applications: { x: { path: "x", namespace: "kube-system" } } } } },
      `teams.team-a.applications.x.namespace: namespace "kube-system" is not defined; team "team-a" may deploy only to its own namespaces: development, production, staging`,
    ],
    [
      "a repository outside the team's sourceRepos",
      { teams: { "team-a": { applications: { x: { repoURL: "https://github.com/evil/x.git", path: "x", namespace: "production" } } } } },
      `teams.team-a.applications.x.repoURL: https://github.com/evil/x.git is not among the team's source repositories (${GITOPS}), so Argo CD would refuse it; add it to teams.team-a.sourceRepos`,
    ],
    [
      "the name of an application",
      { teams: { "team-a": { applications: { "api-server": { path: "x", namespace: "production" } } } } },
      `teams.team-a.applications.api-server: the name "api-server" is already used by applications.api-server`,
    ],
    [
      "the name of another team's Application",
      { teams: { "team-a": { applications: { x: { path: "x", namespace: "production" } } }, ops: { applications: { x: { path: "y", namespace: "ops" } } } }, namespaces: { production: { team: "team-a" }, ops: { team: "ops" } }, applications: {} },
      `teams.ops.applications.x: the name "x" is already used by teams.team-a.applications.x`,
    ],
    ["the name of an add-on", { teams: { "team-a": { applications: { karpenter: { path: "x", namespace: "production" } } } } }, `teams.team-a.applications.karpenter: the name "karpenter" is reserved`],
    ["a path leaving the repository", { teams: { "team-a": { applications: { x: { path: "../secrets", namespace: "production" } } } } }, "teams.team-a.applications.x.path: must not contain '..'"],
    ["a file:// repository", { teams: { "team-a": { applications: { x: { repoURL: "file:///etc", path: "x", namespace: "production" } } } } }, "teams.team-a.applications.x.repoURL: must be an https://, ssh:// or git@host:owner/name URL, not file://"],
    ["no path", { teams: { "team-a": { applications: { x: { namespace: "production" } } } } }, "teams.team-a.applications.x.path: expected string, got nothing (the field is required)"],
  ])("WHEN one uses %s THEN the spec error names the field, why and the fix", (_title, input, expected) => {
    expect(problems(input)).toContain(expected);
  });
});
