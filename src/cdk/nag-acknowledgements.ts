/**
 * cdk-nag v3 takes suppressions through CDK's own `Validations.of(scope).acknowledge()`,
 * one per finding (`AwsSolutions-IAM5[Resource::*]`), matched exactly. These helpers
 * derive the finding ids from the same data the construct used to build its policy, so an
 * acknowledgement covers exactly what was reviewed: a new wildcard shows up as a finding.
 */
import { aws } from "./aws-cdk-lib.js";
import type * as iam from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";

export function acknowledgeFindings(scope: IConstruct, findings: readonly string[], reason: string): void {
  if (reason.trim().length < 20) throw new Error(`cdk-nag acknowledgement of ${findings.join(", ")} at ${scope.node.path} needs a real reason`);
  for (const id of [...new Set(findings)]) aws.core.Validations.of(scope).acknowledge({ id, reason });
}

/** `AwsSolutions-IAM5` findings of the wildcard resources in concrete (token-free) statements. */
export function wildcardResourceFindings(statements: readonly iam.PolicyStatement[]): string[] {
  return statements.flatMap((statement) => statement.resources.filter((resource) => resource.includes("*")).map((resource) => `AwsSolutions-IAM5[Resource::${resource}]`));
}

/** `AwsSolutions-IAM4` findings of AWS managed policies attached by name. */
export function managedPolicyFindings(policyNames: readonly string[]): string[] {
  return policyNames.map((name) => `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`);
}
