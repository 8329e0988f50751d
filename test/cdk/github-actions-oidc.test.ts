/**
 * The CI roles as synthesized: at 1, 35 and 300 applications across 30 teams, each
 * built by its own repository, every IAM quota holds on the template itself (tokens
 * resolved to what IAM would see), the stack stays within CloudFormation's resource
 * quota, and every generated workflow assumes a role that trusts its repository and may
 * push to its ECR repository.
 */
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scaleSpec } from "../../bench/scale-spec.js";
import { CI_REPOSITORY_TAG_KEY } from "../../src/cdk/github-actions-oidc.js";
import { IAM_ROLE_QUOTAS, iamPolicyCharacters } from "../../src/cdk/github-actions-roles.js";
import { githubWorkflows } from "../../src/github-actions/github-workflow.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { platformNames } from "../../src/platform-spec/names.js";
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";
import { platformTemplate, resourcesOf, tagsOf } from "./platform-template.js";

const CLOUDFORMATION_RESOURCES = 500;

/** `applications` applications over 30 teams, application i built by `example-org/service-i`. */
function builtByOwnRepositories(applications: number): PlatformSpecInput {
  const spec = scaleSpec(applications, Math.min(30, applications));
  const apps = Object.entries(spec.applications ?? {}).map(([name, app], index) => [name, { ...app, githubRepository: `example-org/service-${index + 1}` }]);
  return { ...spec, applications: Object.fromEntries(apps) };
}

/** Resolves the intrinsics CDK leaves in IAM documents to the strings IAM would store. */
function resolver(logicalIds: Record<string, string>, partition: string): (value: unknown) => unknown {
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== "object") return value;
    const object = value as Record<string, unknown>;
    if ("Ref" in object) {
      const ref = object.Ref as string;
      if (ref === "AWS::Partition") return partition;
      if (ref in logicalIds) return logicalIds[ref];
      throw new Error(`unresolved Ref ${ref}`);
    }
    if ("Fn::GetAtt" in object) {
      const [id] = object["Fn::GetAtt"] as [string, string];
      if (id in logicalIds) return logicalIds[id];
      throw new Error(`unresolved Fn::GetAtt ${id}`);
    }
    if ("Fn::Join" in object) {
      const [separator, parts] = object["Fn::Join"] as [string, unknown[]];
      return parts.map(resolve).join(separator);
    }
    return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, resolve(item)]));
  };
  return resolve;
}

describe.each([1, 35, 300])("GIVEN %i applications across 30 teams, each built by its own GitHub repository", (count) => {
  const input = builtByOwnRepositories(count);
  const spec = parseSpec(input, "test");
  const names = platformNames(spec);
  const { template } = platformTemplate(input);
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
  const [providerId] = Object.entries(resources).find(([, resource]) => resource.Type === "AWS::IAM::OIDCProvider")!;
  const resolve = resolver({ [providerId]: `arn:${names.partition}:iam::${names.account}:oidc-provider/token.actions.githubusercontent.com` }, names.partition);
  const ciRoles = resourcesOf(template, "AWS::IAM::Role").filter((role) => JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes("token.actions.githubusercontent.com:sub"));

  it("WHEN the stack is synthesized THEN every CI role is within every IAM quota", () => {
    expect(ciRoles.length).toBeGreaterThan(0);
    for (const role of ciRoles) {
      const { RoleName, Description, AssumeRolePolicyDocument, Policies = [], ManagedPolicyArns = [] } = role.Properties;
      expect(RoleName.length, RoleName).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.nameCharacters);
      expect(Description.length, RoleName).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.descriptionCharacters);
      expect(iamPolicyCharacters(resolve(AssumeRolePolicyDocument)), RoleName).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.trustPolicyCharacters);
      const inline = (Policies as Array<{ PolicyDocument: unknown }>).reduce((total, policy) => total + iamPolicyCharacters(resolve(policy.PolicyDocument)), 0);
      expect(inline, RoleName).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.inlinePolicyCharacters);
      expect(ManagedPolicyArns.length, RoleName).toBeLessThanOrEqual(IAM_ROLE_QUOTAS.managedPoliciesPerRole);
    }
    // No separate policy resource is attached to a CI role (its size would count too).
    const ciLogicalIds = Object.entries(resources).filter(([, resource]) => ciRoles.some((role) => role.Properties === resource.Properties)).map(([id]) => id);
    for (const policy of resourcesOf(template, "AWS::IAM::Policy")) expect(ciLogicalIds.some((id) => JSON.stringify(policy.Properties.Roles).includes(id))).toBe(false);
  });

  it("WHEN the stack is synthesized THEN it stays within CloudFormation's 500 resources", () => {
    expect(Object.keys(resources).length).toBeLessThanOrEqual(CLOUDFORMATION_RESOURCES);
  });

  it("WHEN each workflow is read THEN its role trusts its repository's branch and its ECR repository carries that role's tag", () => {
    const workflows = githubWorkflows(spec, names);
    expect(workflows.size).toBe(count);
    const registries = new Map(resourcesOf(template, "AWS::ECR::Repository").map((repository) => [repository.Properties.RepositoryName as string, tagsOf(repository)]));
    for (const [application, app] of Object.entries(spec.applications)) {
      const workflow = parse(workflows.get(`workflows/${application}.yaml`)!);
      const roleArn: string = workflow.jobs.build.steps.find((step: { uses?: string }) => step.uses?.startsWith("aws-actions/configure-aws-credentials")).with["role-to-assume"];
      const roleName = roleArn.split("/").at(-1)!;
      const role = ciRoles.find((candidate) => candidate.Properties.RoleName === roleName);
      expect(role, `${application} assumes ${roleArn}`).toBeDefined();
      expect(role!.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toContain(`repo:${app.githubRepository}:ref:refs/heads/main`);
      expect(registries.get(names.ecrRepositories[application]!.name)?.[CI_REPOSITORY_TAG_KEY]).toBe(roleName);
    }
  });
});

describe("GIVEN a CI role's permission", () => {
  it("WHEN it is read THEN push and pull need the repository tag naming this role", () => {
    const { template } = platformTemplate(builtByOwnRepositories(35));
    for (const role of resourcesOf(template, "AWS::IAM::Role").filter((candidate) => String(candidate.Properties.RoleName).includes("github-actions"))) {
      const [push] = role.Properties.Policies[0].PolicyDocument.Statement;
      expect(push.Condition).toEqual({ StringEquals: { [`ecr:ResourceTag/${CI_REPOSITORY_TAG_KEY}`]: role.Properties.RoleName } });
    }
  });
});

describe("GIVEN the spec's region in each AWS partition", () => {
  // aws-actions/configure-aws-credentials documents sts.amazonaws.com.cn as the audience in China regions.
  it.each([
    ["eu-west-1", "aws", "sts.amazonaws.com"],
    ["us-gov-west-1", "aws-us-gov", "sts.amazonaws.com"],
    ["cn-north-1", "aws-cn", "sts.amazonaws.com.cn"],
  ])("WHEN the CI side of %s is synthesized THEN the provider, the role's trust and the workflow agree on the %s audience %s", (region, partition, audience) => {
    const input: PlatformSpecInput = { aws: { account: "123456789012", region } };
    const { template } = platformTemplate(input);
    const [provider] = resourcesOf(template, "AWS::IAM::OIDCProvider");
    expect(provider!.Properties.ClientIdList).toEqual([audience]);
    const role = resourcesOf(template, "AWS::IAM::Role").find((candidate) => candidate.Properties.RoleName === "production-cluster-github-actions")!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"]).toBe(audience);
    const spec = parseSpec(input, "test");
    const [workflow] = [...githubWorkflows(spec, platformNames(spec)).values()].map((text) => parse(text));
    const credentials = workflow.jobs.build.steps.find((step: { uses?: string }) => step.uses?.startsWith("aws-actions/configure-aws-credentials")).with;
    expect(credentials.audience).toBe(audience);
    expect(credentials["role-to-assume"]).toBe(`arn:${partition}:iam::123456789012:role/production-cluster-github-actions`);
  });
});
