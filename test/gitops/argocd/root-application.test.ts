import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { rootApplicationGenerator } from "../../../src/gitops/argocd/root-application.js";
import { isManifestFile } from "../../../src/gitops/gitops-file.js";
import { schemaProblems } from "../../support/schema-problems.js";

function root(input: unknown) {
  const spec = parseSpec(input, "test");
  const [file] = rootApplicationGenerator({ spec, names: platformNames(spec) });
  if (file === undefined || !isManifestFile(file)) throw new Error("expected one manifest file");
  return file;
}

describe("root Application", () => {
  it("GIVEN the reference spec THEN it applies the apps folder of the GitOps repository in the platform project", async () => {
    const file = root({});
    expect(file.path).toBe("bootstrap/root-application.yaml");
    expect(file.objects[0]?.spec).toMatchObject({
      project: "platform",
      source: { repoURL: "https://github.com/example-org/platform-gitops.git", targetRevision: "main", path: "apps" },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expect(await schemaProblems([file.objects[0]!])).toEqual([]);
  });

  it("GIVEN the tree lives in a subfolder on another branch THEN the path and revision follow", () => {
    const file = root({ gitops: { repoURL: "https://git.example.com/infra.git", targetRevision: "release", path: "./clusters/prod/" } });
    expect(file.objects[0]?.spec).toMatchObject({ source: { repoURL: "https://git.example.com/infra.git", targetRevision: "release", path: "clusters/prod/apps" } });
  });
});
