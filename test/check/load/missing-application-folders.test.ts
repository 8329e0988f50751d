import { describe, expect, it } from "vitest";
import { loadInputs } from "../../../src/check/load/load-inputs.js";
import { SOURCE_PATH_RULE_ID } from "../../../src/check/load/missing-application-folders.js";
import { configMapYaml, writeFiles } from "../../support/tree.js";

const REPO = "https://github.com/acme/gitops.git";

function application(name: string, path: string, repoURL = REPO, extra = ""): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  project: default\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: x\n  source:\n    repoURL: ${repoURL}\n    path: ${path}\n${extra}`;
}

async function sourcePathFindings(files: Record<string, string>, input = "."): Promise<string[]> {
  const root = writeFiles(files, "slipway-app-path-");
  const loaded = await loadInputs([input], { cwd: root });
  return loaded.findings.filter((finding) => finding.ruleId === SOURCE_PATH_RULE_ID).map((finding) => `${finding.severity} ${finding.file}:${finding.line} ${finding.object}: ${finding.message}`);
}

describe("GIVEN Argo CD Applications reading folders of the checked repository", () => {
  it("WHEN one's folder is missing while another's (same repoURL) exists THEN a warning names the Application, the path and Argo CD's error", async () => {
    const findings = await sourcePathFindings({
      "apps/web.yaml": application("web", "web"),
      "apps/team.yaml": application("team", "teams/a/dashboards"),
      "web/cm.yaml": configMapYaml("web"),
    });
    expect(findings).toEqual([
      `warning apps/team.yaml:1 Application argocd/team: source path teams/a/dashboards of ${REPO} is not a folder of the checked repository (teams/a/dashboards does not exist), so Argo CD reports "app path does not exist" and syncs nothing`,
    ]);
  });

  it("WHEN the team then commits that folder THEN nothing is reported", async () => {
    expect(
      await sourcePathFindings({
        "apps/web.yaml": application("web", "web"),
        "apps/team.yaml": application("team", "./teams/a/dashboards/"),
        "web/cm.yaml": configMapYaml("web"),
        "teams/a/dashboards/cm.yaml": configMapYaml("dashboards"),
      }),
    ).toEqual([]);
  });

  it.each([
    ["another repository, whose folders are not in the input", application("other", "missing", "https://github.com/acme/other.git")],
    ["a Helm chart of a chart repository", application("chart", "missing", REPO, "    chart: x\n")],
  ])("WHEN the missing folder belongs to %s THEN nothing is reported: it cannot be seen", async (_name, manifest) => {
    expect(await sourcePathFindings({ "apps/web.yaml": application("web", "web"), "apps/other.yaml": manifest, "web/cm.yaml": configMapYaml("web") })).toEqual([]);
  });

  it("WHEN no Application's folder is in the input THEN nothing is reported: the input is not known to be that repository", async () => {
    expect(await sourcePathFindings({ "apps/a.yaml": application("a", "a"), "apps/b.yaml": application("b", "b") })).toEqual([]);
  });

  it("WHEN the tree sits below the repository root (gitops.path) THEN paths resolve through the folder's own name, and paths outside it are not judged", async () => {
    const findings = await sourcePathFindings(
      {
        "gitops/apps/web.yaml": application("web", "gitops/web"),
        "gitops/apps/gone.yaml": application("gone", "gitops/gone"),
        "gitops/apps/outside.yaml": application("outside", "teams/a"),
        "gitops/web/cm.yaml": configMapYaml("web"),
      },
      "gitops",
    );
    expect(findings).toEqual([
      `warning gitops/apps/gone.yaml:1 Application argocd/gone: source path gitops/gone of ${REPO} is not a folder of the checked repository (gitops/gone does not exist), so Argo CD reports "app path does not exist" and syncs nothing`,
    ]);
  });
});
