/**
 * Which IAM role each GitHub repository's workflows assume, decided from the spec alone so
 * the CDK app (which creates the roles) and the generated workflows (which name them)
 * agree without a deployed stack.
 *
 * One role trusting every repository does not scale: IAM caps a role's trust policy at
 * 2,048 characters (JSON without whitespace), which a list of `sub` claims passes at
 * about 35 repositories, and only a deploy would say so. One role per repository does
 * not either: 300 repositories would add 300 resources to a stack that CloudFormation
 * caps at 500 and already holds one ECR repository per application. So the repositories,
 * sorted, are packed into as few roles as fit: each role trusts as many repositories as
 * its trust policy holds, measured here exactly as IAM counts it. Every other quota stays
 * constant per role: a fixed description, one inline policy of two statements whose
 * ECR resource is the platform prefix plus a tag naming the role, no managed policy.
 *
 * The first role keeps the name `<cluster>-github-actions`; more are `-2`, `-3`… Adding a
 * repository may move the repositories sorted after it to the next role; synth rewrites
 * their workflows accordingly (each names its role).
 */
import type { PlatformNames } from "../platform-spec/names.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { ciRepositories } from "./ci-repositories.js";

export const GITHUB_OIDC_ISSUER = "token.actions.githubusercontent.com";

/** IAM quotas a role must stay within (IAM User Guide, "IAM and AWS STS quotas"). */
export const IAM_ROLE_QUOTAS = {
  /** Role trust policy length, characters, whitespace not counted (default quota). */
  trustPolicyCharacters: 2_048,
  /** All inline policies of one role together, characters, whitespace not counted. */
  inlinePolicyCharacters: 10_240,
  descriptionCharacters: 1_000,
  nameCharacters: 64,
  managedPoliciesPerRole: 20,
} as const;

/**
 * The `aud` of the GitHub OIDC token the workflows request and the roles trust. In the
 * China partition it is `sts.amazonaws.com.cn`: aws-actions/configure-aws-credentials
 * documents that audience for China regions ("OIDC Audience" in its README), and a token
 * whose `aud` the provider does not list fails with "Incorrect token audience". Elsewhere
 * (aws, aws-us-gov) the action's default, `sts.amazonaws.com`. The provider's client ID,
 * the trust condition and the workflow's `audience` input all read it from here.
 */
export function githubOidcAudience(partition: string): string {
  return partition === "aws-cn" ? "sts.amazonaws.com.cn" : "sts.amazonaws.com";
}

export interface GitHubActionsRole {
  readonly roleName: string;
  readonly roleArn: string;
  /** OIDC audience the role trusts (githubOidcAudience): the workflows must request it. */
  readonly audience: string;
  /** `owner/name` of the repositories whose workflows may assume it, sorted, distinct. */
  readonly repositories: readonly string[];
  /** The OIDC `sub` claims the trust policy accepts, in the repositories' order. */
  readonly subjects: readonly string[];
  /** ECR repositories (application names) this role may push to. */
  readonly applications: readonly string[];
}

/** ARN of the account's GitHub OIDC provider (IAM names it after the issuer). */
export function githubOidcProviderArn(names: Pick<PlatformNames, "partition" | "account">): string {
  return `arn:${names.partition}:iam::${names.account}:oidc-provider/${GITHUB_OIDC_ISSUER}`;
}

/** OIDC `sub` claim of workflow runs on `branch` of a repository. */
export function githubSubject(repository: string, branch: string): string {
  return `repo:${repository}:ref:refs/heads/${branch}`;
}

/**
 * The trust policy of a CI role, as CloudFormation receives it from CDK's
 * WebIdentityPrincipal, with the provider ARN resolved: what IAM measures.
 */
export function githubTrustPolicy(providerArn: string, subjects: readonly string[], audience: string): object {
  return {
    Statement: [
      {
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB_OIDC_ISSUER}:aud`]: audience, [`${GITHUB_OIDC_ISSUER}:sub`]: [...subjects] } },
        Effect: "Allow",
        Principal: { Federated: providerArn },
      },
    ],
    Version: "2012-10-17",
  };
}

/** A policy document's size as IAM counts it: its JSON without whitespace. */
export function iamPolicyCharacters(document: unknown): number {
  return JSON.stringify(document).length;
}

/** CI roles of a spec, in order; empty when no application is built by a GitHub workflow. */
export function githubActionsRoles(spec: PlatformSpec, names: PlatformNames): GitHubActionsRole[] {
  const branch = spec.gitops.targetRevision;
  const providerArn = githubOidcProviderArn(names);
  const entries = ciRepositories(spec);
  const repositories = [...new Set(entries.map((entry) => entry.repository))].sort();
  // The policy's size with an empty subject list, plus each subject as a JSON string and a comma between them.
  const audience = githubOidcAudience(names.partition);
  const emptySize = iamPolicyCharacters(githubTrustPolicy(providerArn, [], audience));
  const groups: { repositories: string[]; size: number }[] = [];
  for (const repository of repositories) {
    const subjectSize = JSON.stringify(githubSubject(repository, branch)).length;
    const current = groups.at(-1);
    // The spec's grammars bound a subject to 416 characters, so a role always holds at least one.
    if (current !== undefined && current.size + 1 + subjectSize <= IAM_ROLE_QUOTAS.trustPolicyCharacters) {
      current.repositories.push(repository);
      current.size += 1 + subjectSize;
    } else groups.push({ repositories: [repository], size: emptySize + subjectSize });
  }
  return groups.map(({ repositories: group }, index) => {
    const roleName = index === 0 ? names.githubActionsRoleName : `${names.githubActionsRoleName}-${index + 1}`;
    const members = new Set(group);
    return {
      roleName,
      roleArn: `arn:${names.partition}:iam::${names.account}:role/${roleName}`,
      audience,
      repositories: group,
      subjects: group.map((repository) => githubSubject(repository, branch)),
      applications: entries.filter((entry) => members.has(entry.repository)).map((entry) => entry.application),
    };
  });
}

/** The role a repository's workflows assume. */
export function githubActionsRoleOf(roles: readonly GitHubActionsRole[], repository: string): GitHubActionsRole {
  const role = roles.find((candidate) => candidate.repositories.includes(repository));
  if (role === undefined) throw new Error(`no GitHub Actions role trusts ${repository}; githubActionsRoles() and ciRepositories() disagree`);
  return role;
}
