/**
 * GitHub Actions → AWS without long-lived keys: the account's OIDC provider for
 * token.actions.githubusercontent.com and one role that only workflows of the configured
 * repositories, on the configured branch, may assume, allowed to push to the platform's
 * ECR repositories and nothing else.
 */
import * as ecr from "aws-cdk-lib/aws-ecr";
import * as iam from "aws-cdk-lib/aws-iam";
import { acknowledgeFindings } from "./nag-acknowledgements.js";
import { Construct } from "constructs";

export const GITHUB_OIDC_ISSUER = "token.actions.githubusercontent.com";

export interface GitHubActionsOidcProps {
  readonly roleName: string;
  /** `owner/name` of every repository whose workflows push images. */
  readonly repositories: readonly string[];
  /** Branch the workflows run on (e.g. `main`). */
  readonly branch: string;
  readonly ecrRepositories: readonly ecr.IRepository[];
}

export class GitHubActionsOidc extends Construct {
  readonly provider: iam.OidcProviderNative;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GitHubActionsOidcProps) {
    super(scope, id);
    this.provider = new iam.OidcProviderNative(this, "Provider", {
      url: `https://${GITHUB_OIDC_ISSUER}`,
      clientIds: ["sts.amazonaws.com"],
    });
    this.role = new iam.Role(this, "Role", {
      roleName: props.roleName,
      description: `GitHub Actions of ${props.repositories.join(", ")} (${props.branch}) pushing images to ECR`,
      assumedBy: new iam.WebIdentityPrincipal(this.provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_ISSUER}:aud`]: "sts.amazonaws.com",
          [`${GITHUB_OIDC_ISSUER}:sub`]: githubSubjects(props.repositories, props.branch),
        },
      }),
    });
    for (const repository of props.ecrRepositories) repository.grantPullPush(this.role);
    acknowledgeFindings(
      this.role,
      ["AwsSolutions-IAM5[Resource::*]"],
      "ecr:GetAuthorizationToken has no resource-level permissions (AWS requires Resource *); push and pull are limited to the platform's repositories.",
    );
  }
}

/** OIDC `sub` claims of workflow runs on `branch` of each repository, sorted. */
export function githubSubjects(repositories: readonly string[], branch: string): string[] {
  return [...new Set(repositories)].sort().map((repository) => `repo:${repository}:ref:refs/heads/${branch}`);
}

/** `owner/name` of a GitHub repository URL (https or ssh), or undefined for other hosts. */
export function githubRepositoryOf(url: string): string | undefined {
  const match = /^(?:https:\/\/github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  return match?.[1];
}
