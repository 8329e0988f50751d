import { describe, expect, it } from "vitest";
import { githubRepositoryOf, githubSubjects } from "../../src/cdk/github-actions-oidc.js";

describe("GIVEN githubRepositoryOf", () => {
  it.each([
    ["https://github.com/example-org/platform-gitops.git", "example-org/platform-gitops"],
    ["https://github.com/example-org/platform-gitops", "example-org/platform-gitops"],
    ["git@github.com:acme/infra.git", "acme/infra"],
    ["ssh://git@github.com/acme/infra.git", "acme/infra"],
    ["https://gitlab.com/acme/infra.git", undefined],
    ["https://github.example.com/acme/infra.git", undefined],
  ])("WHEN the URL is %s THEN the repository is %s", (url, repository) => {
    expect(githubRepositoryOf(url)).toBe(repository);
  });
});

describe("GIVEN githubSubjects", () => {
  it("WHEN repositories repeat THEN each appears once, sorted, on the branch", () => {
    expect(githubSubjects(["b/b", "a/a", "b/b"], "main")).toEqual(["repo:a/a:ref:refs/heads/main", "repo:b/b:ref:refs/heads/main"]);
  });
});
