import { describe, expect, it } from "vitest";
import { ciRepositories, githubRepositoryOf } from "../../src/cdk/ci-repositories.js";
import { parseSpec } from "../../src/platform-spec/load.js";

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

describe("GIVEN ciRepositories", () => {
  it("WHEN applications have their own repository, none, or an outside image THEN each built one is listed with its repository", () => {
    const spec = parseSpec(
      {
        applications: {
          web: { namespace: "production", githubRepository: "acme/web" },
          "api-server": { namespace: "production" },
          vendor: { namespace: "production", image: "docker.io/vendor/tool" },
        },
      },
      "test",
    );
    expect(ciRepositories(spec)).toEqual([
      { application: "api-server", repository: "example-org/platform-gitops", isGitOpsRepository: true },
      { application: "web", repository: "acme/web", isGitOpsRepository: false },
    ]);
  });
});
