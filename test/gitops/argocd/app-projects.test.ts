import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { appProjectsGenerator } from "../../../src/gitops/argocd/app-projects.js";
import { isManifestFile } from "../../../src/gitops/gitops-file.js";
import { SYNC_WAVES } from "../../../src/gitops/sync-waves.js";
import { SlipwayError } from "../../../src/errors.js";
import { schemaProblems } from "../../support/schema-problems.js";

function projects(input: unknown) {
  const spec = parseSpec(input, "test");
  return appProjectsGenerator({ spec, names: platformNames(spec) }).filter(isManifestFile);
}

describe("AppProjects", () => {
  it("GIVEN the reference spec THEN there is a platform project and a team-a project limited to its three namespaces", () => {
    const files = projects({});
    expect(files.map((file) => file.path)).toEqual(["apps/projects/platform.yaml", "apps/projects/team-a.yaml"]);
    const team = files[1]?.objects[0];
    expect(team?.spec).toMatchObject({
      sourceRepos: ["https://github.com/example-org/platform-gitops.git"],
      destinations: ["development", "production", "staging"].map((namespace) => ({ server: "https://kubernetes.default.svc", namespace })),
      clusterResourceWhitelist: [],
    });
    expect(team?.metadata.annotations?.["argocd.argoproj.io/sync-wave"]).toBe(String(SYNC_WAVES.projects));
  });

  it("GIVEN the platform project THEN it may use the pinned chart repositories and the GitOps repository", () => {
    const platform = projects({})[0]?.objects[0];
    const repos = (platform?.spec as { sourceRepos: string[] }).sourceRepos;
    expect(repos).toContain("public.ecr.aws/karpenter");
    expect(repos).toContain("https://prometheus-community.github.io/helm-charts");
    expect(repos).toContain("https://github.com/example-org/platform-gitops.git");
  });

  it("GIVEN two teams with their own repositories THEN each project lists only its namespaces and repositories", () => {
    const files = projects({
      teams: { payments: { sourceRepos: ["https://git.example.com/payments.git"] }, search: {} },
      namespaces: { pay: { team: "payments" }, "pay-staging": { team: "payments" }, find: { team: "search" }, shared: {} },
      applications: { api: { namespace: "pay" } },
    });
    const byName = new Map(files.map((file) => [file.objects[0]?.metadata.name, file.objects[0]?.spec as Record<string, unknown>]));
    expect(byName.get("payments")).toMatchObject({
      sourceRepos: ["https://git.example.com/payments.git"],
      destinations: [{ namespace: "pay" }, { namespace: "pay-staging" }],
    });
    expect(byName.get("search")).toMatchObject({ destinations: [{ namespace: "find" }] });
  });

  it("GIVEN a team named platform THEN the spec is refused with the field to rename", () => {
    const input = { teams: { platform: {} }, namespaces: { ops: { team: "platform" } }, applications: { api: { namespace: "ops" } } };
    expect(() => parseSpec(input, "test")).toThrowError(SlipwayError);
    expect(() => parseSpec(input, "test")).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.stringContaining('teams.platform: the name "platform" is reserved')]) }));
  });

  it("GIVEN every project THEN it validates against the upstream AppProject CRD", async () => {
    for (const file of projects({})) expect(await schemaProblems([file.objects[0]!])).toEqual([]);
  });
});
