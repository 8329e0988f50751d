import { describe, expect, it } from "vitest";
import { chartApplication, folderApplication, gitApplication } from "../../../src/gitops/argocd/application.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { objectsOfTree } from "../../../src/local/apply-plan.js";
import { SYNC_WAVES } from "../../../src/gitops/sync-waves.js";

const spec = parseSpec({}, "test");
const common = { project: "platform", wave: SYNC_WAVES.applications, destinationNamespace: "production" } as const;

function syncOptions(application: object): string[] {
  return (application as { spec: { syncPolicy: { syncOptions: string[] } } }).spec.syncPolicy.syncOptions;
}

describe("Argo CD Applications: kubectl validation", () => {
  it.each([
    ["a pinned add-on chart", chartApplication({ ...common, name: "cert-manager", chart: "certManager", values: {} }), ["CreateNamespace=true", "Validate=false"]],
    ["a folder of this repository", folderApplication(spec, { ...common, name: "api-server", folder: "applications/api-server", syncOptions: ["RespectIgnoreDifferences=true"] }), ["CreateNamespace=true", "Validate=false", "RespectIgnoreDifferences=true"]],
    ["a team's own repository", gitApplication({ ...common, name: "worker", repoURL: "https://github.com/acme/worker.git", targetRevision: "main", path: "deploy" }), ["CreateNamespace=true"]],
  ])("GIVEN %s WHEN its Application is built THEN its sync options are %j", (_what, application, expected) => {
    expect(syncOptions(application)).toEqual(expected);
  });

  it("GIVEN the reference platform with a team Application in another repository WHEN synthesized THEN only that Application keeps Argo CD's validation", () => {
    const withTeam = parseSpec(
      {
        teams: {
          "team-a": {
            sourceRepos: ["https://github.com/acme/*"],
            applications: { worker: { repoURL: "https://github.com/acme/worker.git", path: "deploy", namespace: "production" } },
          },
        },
      },
      "test",
    );
    const applications = objectsOfTree(synthesizeGitOps(withTeam))
      .map(({ object }) => object)
      .filter((object) => object.kind === "Application");
    const validated = applications.filter((application) => !syncOptions(application).includes("Validate=false")).map((application) => application.metadata.name);
    expect(validated).toEqual(["worker"]);
    expect(applications.length).toBeGreaterThan(15);
  });
});
