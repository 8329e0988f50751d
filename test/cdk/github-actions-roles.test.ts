/**
 * The CI role plan: repositories packed into roles whose trust policies fit IAM's
 * 2,048-character quota as IAM measures it, whatever the number and length of names.
 */
import { describe, expect, it } from "vitest";
import {
  githubActionsRoleOf,
  githubActionsRoles,
  githubOidcProviderArn,
  githubSubject,
  githubTrustPolicy,
  IAM_ROLE_QUOTAS,
  iamPolicyCharacters,
} from "../../src/cdk/github-actions-roles.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { platformNames } from "../../src/platform-spec/names.js";
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";

function rolesOf(input: PlatformSpecInput) {
  const spec = parseSpec(input, "test");
  return githubActionsRoles(spec, platformNames(spec));
}

/**
 * `count` applications, each built by its own repository named by `repository(index)`, in
 * a team whose quota holds them all at their HPA minimum through a canary (the spec refuses one that does not).
 */
function builtBy(count: number, repository: (index: number) => string, extra: PlatformSpecInput = {}): PlatformSpecInput {
  return {
    teams: { "team-a": { quota: { requestsCpu: String(count * 2), requestsMemory: `${count * 2}Gi`, limitsCpu: String(count * 4), limitsMemory: `${count * 4}Gi` } } },
    ...extra,
    applications: Object.fromEntries(Array.from({ length: count }, (_, index) => [`service-${index}`, { namespace: "production", githubRepository: repository(index) }])),
  };
}

const longOwner = "o".repeat(39);
const longName = (index: number) => `${String(index).padStart(4, "0")}${"n".repeat(96)}`;

describe("GIVEN iamPolicyCharacters", () => {
  it("WHEN a document is measured THEN whitespace is not counted", () => {
    expect(iamPolicyCharacters({ Version: "2012-10-17" })).toBe('{"Version":"2012-10-17"}'.length);
  });
});

describe("GIVEN githubActionsRoles", () => {
  it("WHEN the reference platform is planned THEN one role, named as before, trusts the GitOps repository", () => {
    expect(rolesOf({})).toEqual([
      {
        roleName: "production-cluster-github-actions",
        roleArn: "arn:aws:iam::111122223333:role/production-cluster-github-actions",
        audience: "sts.amazonaws.com",
        repositories: ["example-org/platform-gitops"],
        subjects: ["repo:example-org/platform-gitops:ref:refs/heads/main"],
        applications: ["api-server"],
      },
    ]);
  });

  it("WHEN no application is built on GitHub THEN there is no role", () => {
    expect(rolesOf({ gitops: { repoURL: "https://gitlab.com/acme/platform.git" } })).toEqual([]);
  });

  it("WHEN several applications share a repository THEN the repository is trusted once and its role lists every application", () => {
    const roles = rolesOf({
      applications: { a: { namespace: "production", githubRepository: "acme/mono" }, b: { namespace: "production", githubRepository: "acme/mono" } },
    });
    expect(roles.map((role) => [role.repositories, role.applications])).toEqual([[["acme/mono"], ["a", "b"]]]);
  });

  it.each([
    // [case, spec, minimum roles expected]
    ["35 short repositories", builtBy(35, (index) => `example-org/service-${index}`), 2],
    ["300 short repositories", builtBy(300, (index) => `example-org/service-${index}`), 10],
    ["60 repositories with the longest names GitHub allows, a 255-character branch, GovCloud", builtBy(60, (index) => `${longOwner}/${longName(index)}`, { aws: { region: "us-gov-west-1" }, gitops: { targetRevision: `release/${"b".repeat(247)}` } }), 15],
    // China: the audience sts.amazonaws.com.cn makes every trust policy 3 characters longer.
    ["60 repositories with the longest names GitHub allows, a 255-character branch, China", builtBy(60, (index) => `${longOwner}/${longName(index)}`, { aws: { region: "cn-north-1" }, gitops: { targetRevision: `release/${"b".repeat(247)}` } }), 15],
  ])("WHEN %s are planned THEN every repository is in exactly one role and every trust policy fits 2,048 characters", (_, input, minimumRoles) => {
    const spec = parseSpec(input, "test");
    const names = platformNames(spec);
    const roles = githubActionsRoles(spec, names);
    expect(roles.length).toBeGreaterThanOrEqual(minimumRoles);
    const repositories = Object.values(spec.applications).map((app) => app.githubRepository!);
    expect(roles.flatMap((role) => role.repositories).sort()).toEqual([...new Set(repositories)].sort());
    for (const role of roles) {
      expect(iamPolicyCharacters(githubTrustPolicy(githubOidcProviderArn(names), role.subjects, role.audience))).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.trustPolicyCharacters);
      expect(role.roleName.length).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.nameCharacters);
    }
    expect(new Set(roles.map((role) => role.roleName)).size).toBe(roles.length);
    for (const repository of repositories) expect(githubActionsRoleOf(roles, repository).subjects).toContain(githubSubject(repository, spec.gitops.targetRevision));
  });

  it("WHEN roles are packed THEN each is full: the next repository would not have fitted", () => {
    const spec = parseSpec(builtBy(100, (index) => `example-org/service-${index}`), "test");
    const names = platformNames(spec);
    const roles = githubActionsRoles(spec, names);
    for (const [index, role] of roles.slice(0, -1).entries()) {
      const withNext = [...role.subjects, roles[index + 1]!.subjects[0]!];
      expect(iamPolicyCharacters(githubTrustPolicy(githubOidcProviderArn(names), withNext, role.audience))).toBeGreaterThan(IAM_ROLE_QUOTAS.trustPolicyCharacters);
    }
    expect(roles.slice(1).map((role) => role.roleName)).toEqual(roles.slice(1).map((_, index) => `production-cluster-github-actions-${index + 2}`));
  });

  it("WHEN the cluster name is the longest the spec accepts and 300 repositories need numbered roles THEN every role name fits IAM's 64 characters", () => {
    const roles = rolesOf(builtBy(300, (index) => `example-org/service-${index}`, { cluster: { name: "c".repeat(34) } }));
    expect(roles.at(-1)!.roleName).toMatch(/^c{34}-github-actions-\d+$/);
    for (const role of roles) expect(role.roleName.length).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.nameCharacters);
  });

  it("WHEN a repository no role trusts is looked up THEN the mismatch is named", () => {
    expect(() => githubActionsRoleOf(rolesOf({}), "acme/other")).toThrow(/no GitHub Actions role trusts acme\/other/);
  });
});
