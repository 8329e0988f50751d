/**
 * cdk-nag's AwsSolutions pack on the synthesized platform: no finding left
 * unacknowledged, and every acknowledgement carries a reason.
 */
import { App, Validations } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { addPlatformStack, platformAppProps } from "../../src/cdk/synthesize-infrastructure.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";

function nagFindings(input: PlatformSpecInput, tamper?: (stack: IConstruct) => void): string[] {
  const app = new App(platformAppProps());
  const stack = addPlatformStack(app, parseSpec(input, "test"), { nagChecks: false });
  tamper?.(stack);
  const report = new AwsSolutionsChecks(app).validateScope(stack);
  return report.violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`));
}

describe("GIVEN the cdk-nag AwsSolutions pack", () => {
  it.each<[string, PlatformSpecInput]>([
    ["the reference platform", {}],
    ["a single NAT gateway and an admin role", { cluster: { natGateways: "single", adminRoleArn: "arn:aws:iam::111122223333:role/platform-admin" } }],
    ["Karpenter disabled", { karpenter: { enabled: false } }],
    ["an application with its own repository and host", { applications: { "api-server": { namespace: "production", githubRepository: "acme/api", host: "api.example.com" } } }],
    [
      "40 applications built by 40 repositories (several CI roles)",
      {
        // A quota that holds 40 applications at their HPA minimum through a canary, 5 pods of
        // 250m/256Mi each (the spec refuses one that does not).
        teams: { "team-a": { quota: { requestsCpu: "50", requestsMemory: "80Gi", limitsCpu: "100", limitsMemory: "160Gi" } } },
        applications: Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`service-${index}`, { namespace: "production", githubRepository: `example-org/service-${index}` }])),
      },
    ],
  ])("WHEN it checks %s THEN no finding is left unacknowledged", (_name, input) => {
    expect(nagFindings(input)).toEqual([]);
  });

  it("WHEN a bucket without TLS enforcement is added THEN the pack reports it (the gate can fail)", () => {
    const findings = nagFindings({}, (stack) => new s3.Bucket(stack, "Careless", { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL }));
    expect(findings).toContain("AwsSolutions-S10 at production-cluster-platform/Careless/Resource");
  });

  it("WHEN acknowledgements are read back THEN each one has a reason of at least one sentence", () => {
    const app = new App(platformAppProps());
    const stack = addPlatformStack(app, parseSpec({}, "test"), { nagChecks: false });
    const acknowledgements = stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((entry) => entry.data as Record<string, string>))
      .flatMap((data) => Object.entries(data))
      // CDK's own constructs acknowledge some of its built-in CloudFormation-Validate rules.
      .filter(([id]) => !id.startsWith("CloudFormation-Validate::"));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(40);
    }
  });
});
