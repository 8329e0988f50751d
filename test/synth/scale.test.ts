/**
 * Scale: 300 applications across 30 teams (bench/scale-spec.ts) synthesize with every
 * check on, and nothing in the output grows past a limit AWS or Argo CD enforces.
 * bench/synth-scale.ts measures the time; this test proves the result.
 */
import { describe, expect, it } from "vitest";
import { scaleSpec } from "../../bench/scale-spec.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { synthesizeInfrastructure } from "../../src/cdk/synthesize-infrastructure.js";
import { parseSpec } from "../../src/platform-spec/load.js";

/** CloudFormation quotas a single stack must stay within. */
const CLOUDFORMATION = { resources: 500, templateBytes: 1_000_000, outputs: 200 } as const;

describe("GIVEN 300 applications across 30 teams", () => {
  const spec = parseSpec(scaleSpec(300, 30), "scale");

  it("WHEN the GitOps tree is synthesized THEN every application has its Application in its team's project", () => {
    const tree = synthesizeGitOps(spec);
    const applicationFiles = [...tree.keys()].filter((path) => /^apps\/applications\/app-\d{3}\.yaml$/.test(path));
    expect(applicationFiles).toHaveLength(300);
    expect(tree.get("apps/applications/app-031.yaml")).toContain("project: team-01");
    expect([...tree.keys()].filter((path) => /^apps\/projects\/team-\d{2}\.yaml$/.test(path))).toHaveLength(30);
  });

  it("WHEN the AWS side is synthesized with cdk-nag THEN it passes and the stack stays within CloudFormation's quotas", () => {
    const assembly = synthesizeInfrastructure(spec);
    const [templatePath] = [...assembly.keys()].filter((path) => path.endsWith(".template.json"));
    const text = String(assembly.get(templatePath!));
    const template = JSON.parse(text) as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>; Outputs?: object };
    expect(Object.keys(template.Resources).length).toBeLessThanOrEqual(CLOUDFORMATION.resources);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(CLOUDFORMATION.templateBytes);
    const role = Object.values(template.Resources).find((resource) => resource.Type === "AWS::IAM::Role" && resource.Properties?.RoleName === "production-cluster-github-actions");
    expect(String(role?.Properties?.Description).length).toBeLessThanOrEqual(1000);
  });
});
