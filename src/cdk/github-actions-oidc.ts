/**
 * GitHub Actions → AWS without long-lived keys: the account's OIDC provider for
 * token.actions.githubusercontent.com and one role that only workflows of the configured
 * repositories, on the configured branch, may assume, allowed to push to the platform's
 * ECR repositories built by CI and nothing else.
 *
 * Nothing in the role grows with the number of applications: the description is fixed
 * (IAM allows 1,000 characters; a list of repositories passed that at about 40), and
 * the permission names the platform's repository prefix once with a tag condition
 * instead of one ARN per repository (inline policies of a role share 10,240 characters).
 * Only the trust policy lists each distinct GitHub repository.
 */
import { Stack, Tags } from "aws-cdk-lib/core";
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
  /** The ECR repositories CI pushes to; they are tagged so the role's one statement covers exactly them. */
  readonly ecrRepositories: readonly ecr.IRepository[];
  /** Name prefix every platform ECR repository shares (`<cluster>/`). */
  readonly ecrRepositoryPrefix: string;
}

/** Tag on the ECR repositories GitHub Actions may push to; the role's permission requires it. */
export const CI_REPOSITORY_TAG = { key: "slipway.io/ci", value: "github-actions" } as const;

/** What the role may do on a tagged repository: CDK's grantPullPush actions. */
const PULL_PUSH_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:GetDownloadUrlForLayer",
  "ecr:BatchGetImage",
  "ecr:CompleteLayerUpload",
  "ecr:UploadLayerPart",
  "ecr:InitiateLayerUpload",
  "ecr:PutImage",
];

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
      description: `GitHub Actions workflows of ${new Set(props.repositories).size} repositories (branch ${props.branch}) pushing images to ECR`,
      assumedBy: new iam.WebIdentityPrincipal(this.provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_ISSUER}:aud`]: "sts.amazonaws.com",
          [`${GITHUB_OIDC_ISSUER}:sub`]: githubSubjects(props.repositories, props.branch),
        },
      }),
    });
    for (const repository of props.ecrRepositories) Tags.of(repository).add(CI_REPOSITORY_TAG.key, CI_REPOSITORY_TAG.value);
    const stack = Stack.of(this);
    const repositories = stack.formatArn({ service: "ecr", resource: "repository", resourceName: `${props.ecrRepositoryPrefix}*` });
    // cdk-nag names the resource with the partition token spelt <AWS::Partition>.
    const nagRepositories = `arn:<AWS::Partition>:ecr:${stack.region}:${stack.account}:repository/${props.ecrRepositoryPrefix}*`;
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: PULL_PUSH_ACTIONS,
        resources: [repositories],
        conditions: { StringEquals: { [`ecr:ResourceTag/${CI_REPOSITORY_TAG.key}`]: CI_REPOSITORY_TAG.value } },
      }),
    );
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["ecr:GetAuthorizationToken"], resources: ["*"] }));
    acknowledgeFindings(
      this.role,
      ["AwsSolutions-IAM5[Resource::*]", `AwsSolutions-IAM5[Resource::${nagRepositories}]`],
      "ecr:GetAuthorizationToken has no resource-level permissions (AWS requires Resource *); push and pull are limited to the platform's repositories that carry the CI tag, one statement whatever the number of applications.",
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
