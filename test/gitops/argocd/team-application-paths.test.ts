import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { teamApplicationPathReport } from "../../../src/gitops/argocd/team-application-paths.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { SlipwayError } from "../../../src/errors.js";

const GITOPS = "https://github.com/example-org/platform-gitops.git";

/** The reference spec with one team Application at `path` (in the GitOps repository unless repoURL is given). */
function specWith(path: string, extra: { gitopsPath?: string; repoURL?: string } = {}) {
  return parseSpec(
    {
      ...(extra.gitopsPath === undefined ? {} : { gitops: { path: extra.gitopsPath } }),
      teams: { "team-a": { sourceRepos: [GITOPS, "https://github.com/acme/*"], applications: { extra: { path, namespace: "production", ...(extra.repoURL ? { repoURL: extra.repoURL } : {}) } } } },
    },
    "test",
  );
}

function report(path: string, extra: { gitopsPath?: string; repoURL?: string } = {}) {
  const spec = specWith(path, extra);
  // The real tree Slipway writes (the team's Application adds only apps/teams/...), not a hand-made list of folders.
  const tree = synthesizeGitOps(parseSpec(extra.gitopsPath === undefined ? {} : { gitops: { path: extra.gitopsPath } }, "test"));
  return teamApplicationPathReport(spec, tree.keys());
}

const FIELD = "teams.team-a.applications.extra.path";

describe("GIVEN a team Application reading a folder of the GitOps repository", () => {
  it.each<[string, string | undefined, string]>([
    ["applications/api-server", undefined, "is inside applications/, a folder Slipway writes"],
    ["./apps/./teams", undefined, "is inside apps/, a folder Slipway writes"],
    ["tenancy/production/extra", undefined, "is inside tenancy/, a folder Slipway writes"],
    ["platform", undefined, "is inside platform/, a folder Slipway writes"],
    ["bootstrap/", undefined, "is inside bootstrap/, a folder Slipway writes"],
    [".", undefined, "is the root of the GitOps tree Slipway writes"],
    ["kustomization.yaml", undefined, "is kustomization.yaml, a file Slipway writes"],
    ["gitops/apps", "gitops", "is inside apps/, a folder Slipway writes (gitops.path: gitops)"],
    ["gitops", "./gitops/", "is the root of the GitOps tree Slipway writes (gitops.path: gitops)"],
  ])("WHEN its path is %j (gitops.path %j) THEN it is a spec error: %s", (path, gitopsPath, expected) => {
    const { errors, warnings } = report(path, gitopsPath === undefined ? {} : { gitopsPath });
    expect(warnings).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path.join(".")).toBe(FIELD);
    expect(errors[0]!.message).toContain(expected);
    expect(errors[0]!.message).toContain("such as teams/team-a/extra");
  });

  it.each<[string, string | undefined]>([
    ["teams/team-a/extra", undefined],
    ["apps-of-team-a", undefined],
    // Outside the tree: gitops.path puts the platform below gitops/, and apps/ at the root is the team's.
    ["apps/x", "gitops"],
    [".", "gitops"],
  ])("WHEN its path is %j (gitops.path %j), a folder Slipway does not write THEN it is accepted with a warning naming the folder and the Argo CD error", (path, gitopsPath) => {
    const { errors, warnings } = report(path, gitopsPath === undefined ? {} : { gitopsPath });
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.path.join(".")).toBe(FIELD);
    expect(warnings[0]!.message).toContain(`of ${GITOPS} that Slipway does not write`);
    expect(warnings[0]!.message).toContain('"app path does not exist"');
  });

  it("WHEN it reads another repository THEN nothing is said: Slipway cannot see that folder", () => {
    expect(report("applications/api-server", { repoURL: "https://github.com/acme/x.git" })).toEqual({ errors: [], warnings: [] });
  });

  it("WHEN the whole tree is synthesized with a path inside a folder Slipway writes THEN SPEC_INVALID names the field and nothing is rendered", () => {
    let thrown: unknown;
    try {
      synthesizeGitOps(specWith("applications/api-server"));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SlipwayError);
    expect((thrown as SlipwayError).code).toBe("SPEC_INVALID");
    expect((thrown as SlipwayError).problems[0]).toMatch(/^teams\.team-a\.applications\.extra\.path: applications\/api-server is inside applications\//);
  });
});
