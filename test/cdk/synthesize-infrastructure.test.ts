/**
 * The infrastructure synthesis as a library call: complete cloud assembly, byte-identical
 * on every run, nothing from the machine it ran on, and templates cfn-lint accepts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as s3 from "aws-cdk-lib/aws-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlipwayError } from "../../src/errors.js";
import { synthesizeInfrastructure } from "../../src/cdk/synthesize-infrastructure.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";
import { CAPABILITY_SPEC } from "../support/argocd-capability-spec.js";
import { CFN_LINT_INSTALL, cfnLintAvailable, skipMissingLinters } from "../support/external-tools.js";

let first: ReadonlyMap<string, string>;

beforeAll(() => {
  first = synthesizeInfrastructure(parseSpec({}, "test"));
});

describe("GIVEN the reference platform", () => {
  it("WHEN the infrastructure is synthesized THEN the cloud assembly has the manifest, the template and its asset manifest", () => {
    expect([...first.keys()]).toEqual([
      "cdk.out",
      "manifest.json",
      "production-cluster-platform.assets.json",
      "production-cluster-platform.metadata.json",
      "production-cluster-platform.template.json",
      "validation-report.json",
    ]);
    const manifest = JSON.parse(first.get("manifest.json")!) as { artifacts: Record<string, { environment?: string }> };
    expect(manifest.artifacts["production-cluster-platform"]!.environment).toBe("aws://111122223333/eu-west-1");
  });

  it("WHEN it is synthesized twice THEN both assemblies are byte-identical", () => {
    const second = synthesizeInfrastructure(parseSpec({}, "test"));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, content] of first) expect(second.get(path), path).toBe(content);
  });

  it("WHEN the assembly is searched THEN it holds no path of this machine and no lookup was needed", () => {
    for (const [path, content] of first) {
      expect(content, path).not.toContain(process.cwd());
      expect(content, path).not.toContain(tmpdir());
    }
    const manifest = JSON.parse(first.get("manifest.json")!) as { missing?: unknown[] };
    expect(manifest.missing).toBeUndefined();
  });

  it("WHEN the validation report is read THEN cdk-nag ran and reported nothing", () => {
    expect(JSON.parse(first.get("validation-report.json")!)).toEqual({ version: expect.any(String), title: "Validation Report", pluginReports: [] });
  });
});

describe("GIVEN cfn-lint", () => {
  const variations: Array<[string, PlatformSpecInput]> = [
    ["reference", {}],
    ["single-nat-admin", { cluster: { natGateways: "single", adminRoleArn: "arn:aws:iam::111122223333:role/platform-admin", kubernetesVersion: "1.36" } }],
    ["no-karpenter-other-region", { aws: { region: "us-east-2" }, karpenter: { enabled: false } }],
    [
      "eks-capability-40-ci-repositories",
      {
        ...CAPABILITY_SPEC,
        // A quota that holds 40 applications at their HPA minimum through a canary, 5 pods of
        // 250m/256Mi each (the spec refuses one that does not).
        teams: { "team-a": { quota: { requestsCpu: "50", requestsMemory: "80Gi", limitsCpu: "100", limitsMemory: "160Gi" } } },
        applications: Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`service-${index}`, { namespace: "production", githubRepository: `example-org/service-${index}` }])),
      },
    ],
  ];
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "slipway-cfn-lint-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.runIf(cfnLintAvailable() || !skipMissingLinters).each(variations)("WHEN it lints the %s template THEN it reports no error", (name, input) => {
    expect(cfnLintAvailable(), `cfn-lint is not installed: ${CFN_LINT_INSTALL}`).toBe(true);
    const assembly = name === "reference" ? first : synthesizeInfrastructure(parseSpec(input, "test"), { nagChecks: false });
    const template = [...assembly.entries()].find(([path]) => path.endsWith(".template.json"))!;
    const file = join(directory, `${name}.template.json`);
    writeFileSync(file, template[1]);
    const result = spawnSync("cfn-lint", ["--format", "json", file], { encoding: "utf8" });
    const findings = JSON.parse(result.stdout || "[]") as Array<{ Level: string; Rule: { Id: string }; Message: string }>;
    const errors = findings.filter((finding) => finding.Level === "Error").map((finding) => `${finding.Rule.Id}: ${finding.Message}`);
    expect(errors).toEqual([]);
    // Warnings accepted on purpose: W3010 (zones are named so synthesis needs no lookup) and
    // W3005 (CDK's explicit DependsOn next to a Ref).
    const warnings = new Set(findings.filter((finding) => finding.Level === "Warning").map((finding) => finding.Rule.Id));
    expect([...warnings].filter((id) => id !== "W3010" && id !== "W3005")).toEqual([]);
  });
});

describe("GIVEN a stack extended with a resource that breaks an AwsSolutions rule", () => {
  it("WHEN it is synthesized THEN synthesis fails naming the rule and the construct", () => {
    let error: SlipwayError | undefined;
    try {
      synthesizeInfrastructure(parseSpec({}, "test"), {
        extend: (stack) => void new s3.Bucket(stack, "Careless", { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true }),
      });
    } catch (caught) {
      error = caught as SlipwayError;
    }
    expect(error?.code).toBe("INFRA_CHECK_FAILED");
    expect(error?.message).toBe("the CDK stack breaks 1 cdk-nag AwsSolutions rule; nothing was written");
    expect(error?.problems).toEqual(["AwsSolutions-S1 at production-cluster-platform/Careless/Resource: The S3 Bucket has server access logs disabled."]);
  });
});
