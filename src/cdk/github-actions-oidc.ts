/**
 * GitHub Actions → AWS without long-lived keys: the account's OIDC provider for
 * token.actions.githubusercontent.com and the CI roles planned by github-actions-roles.ts,
 * each trusted only by the workflows of its repositories on the configured branch and
 * allowed to push to the ECR repositories of the applications those repositories build.
 *
 * Nothing in a role grows past an IAM quota: the trust policy is packed to fit 2,048
 * characters, the description is fixed, and the one inline policy names the platform's
 * repository prefix once with a tag condition (the tag value is the role name) instead
 * of one ARN per repository. The policy is inline, not a separate AWS::IAM::Policy, so a
 * role costs the stack one resource.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as ecr from "aws-cdk-lib/aws-ecr";
import type * as iam from "aws-cdk-lib/aws-iam";
import { acknowledgeFindings } from "./nag-acknowledgements.js";
import { Construct } from "constructs";
import { GITHUB_OIDC_ISSUER, type GitHubActionsRole } from "./github-actions-roles.js";

export { GITHUB_OIDC_ISSUER } from "./github-actions-roles.js";

export interface GitHubActionsOidcProps {
  /** The CI roles to create (githubActionsRoles()). */
  readonly roles: readonly GitHubActionsRole[];
  /** Branch the workflows run on (e.g. `main`), for the descriptions. */
  readonly branch: string;
  /** ECR repository of each application a role lists; tagged with that role's name. */
  readonly ecrRepositories: ReadonlyMap<string, ecr.IRepository>;
  /** Name prefix every platform ECR repository shares (`<cluster>/`). */
  readonly ecrRepositoryPrefix: string;
}

/** Tag key on the ECR repositories GitHub Actions may push to; its value is the CI role allowed to. */
export const CI_REPOSITORY_TAG_KEY = "slipway.io/ci-role";

/** What a role may do on a tagged repository: CDK's grantPullPush actions. */
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
  readonly roles: readonly iam.Role[];

  constructor(scope: Construct, id: string, props: GitHubActionsOidcProps) {
    super(scope, id);
    // Every role of a spec trusts the same audience (the partition's).
    this.provider = new aws.iam.OidcProviderNative(this, "Provider", {
      url: `https://${GITHUB_OIDC_ISSUER}`,
      clientIds: [...new Set(props.roles.map((plan) => plan.audience))],
    });
    const stack = aws.core.Stack.of(this);
    const repositories = stack.formatArn({ service: "ecr", resource: "repository", resourceName: `${props.ecrRepositoryPrefix}*` });
    // cdk-nag names the resource with the partition token spelt <AWS::Partition>.
    const nagRepositories = `arn:<AWS::Partition>:ecr:${stack.region}:${stack.account}:repository/${props.ecrRepositoryPrefix}*`;
    this.roles = props.roles.map((plan, index) => {
      const policy = new aws.iam.PolicyDocument({
        statements: [
          new aws.iam.PolicyStatement({
            actions: PULL_PUSH_ACTIONS,
            resources: [repositories],
            conditions: { StringEquals: { [`ecr:ResourceTag/${CI_REPOSITORY_TAG_KEY}`]: plan.roleName } },
          }),
          new aws.iam.PolicyStatement({ actions: ["ecr:GetAuthorizationToken"], resources: ["*"] }),
        ],
      });
      // The first role keeps the construct id it had when there was only one.
      const role = new aws.iam.Role(this, index === 0 ? "Role" : `Role${index + 1}`, {
        roleName: plan.roleName,
        description: `GitHub Actions workflows of ${plan.repositories.length} repositories (branch ${props.branch}) pushing images to ECR`,
        assumedBy: new aws.iam.WebIdentityPrincipal(this.provider.oidcProviderArn, {
          StringEquals: {
            [`${GITHUB_OIDC_ISSUER}:aud`]: plan.audience,
            [`${GITHUB_OIDC_ISSUER}:sub`]: [...plan.subjects],
          },
        }),
        inlinePolicies: { EcrPush: policy },
      });
      for (const application of plan.applications) {
        const repository = props.ecrRepositories.get(application);
        if (repository !== undefined) aws.core.Tags.of(repository).add(CI_REPOSITORY_TAG_KEY, plan.roleName);
      }
      acknowledgeFindings(
        role,
        ["AwsSolutions-IAM5[Resource::*]", `AwsSolutions-IAM5[Resource::${nagRepositories}]`],
        "ecr:GetAuthorizationToken has no resource-level permissions (AWS requires Resource *); push and pull are limited to the platform's repositories tagged with this role's name, one statement whatever the number of applications.",
      );
      return role;
    });
  }
}
