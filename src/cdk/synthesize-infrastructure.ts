/**
 * The platform's CDK app as a library call: spec → cloud assembly (the `cdk.out` folder
 * `cdk deploy --app` accepts), rendered in memory like the GitOps tree.
 *
 * CDK can only synthesize to a folder, so it writes into a private temporary folder that
 * is read back and removed. The result is deterministic: no version reporting, no tree
 * metadata, no construct stack traces (they hold absolute paths; the ones CDK records
 * for acknowledgements regardless are removed by `withoutTraces`), no lookups (explicit
 * account, region and zones), no assets.
 */
import { aws } from "./aws-cdk-lib.js";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import type { App, AppProps } from "aws-cdk-lib/core";
import { createRequire } from "node:module";
import { SlipwayError } from "../errors.js";
import { platformNames, type PlatformNames } from "../platform-spec/names.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { PlatformStack, platformStackName } from "./platform-stack.js";

export interface InfrastructureOptions {
  /** Run the cdk-nag AwsSolutions pack; a finding fails the synthesis. @default true */
  readonly nagChecks?: boolean;
  /** Adds resources of your own to the stack before it is synthesized (and checked). @default none */
  readonly extend?: (stack: PlatformStack) => void;
}

/** App settings shared by `slipway synth` and `npx cdk synth` (cdk.json), so both give the same templates. */
export function platformAppProps(outdir?: string): AppProps {
  return {
    outdir,
    analyticsReporting: false,
    treeMetadata: false,
    stackTraces: false,
    // CDK's built-in template validation takes ~15 s per synth; templates are checked by
    // cfn-lint in the tests instead, and cdk-nag runs as a validation plugin.
    builtinCloudFormationValidation: false,
    context: {
      // Same output on every machine: no CDK version or path in resources.
      "aws:cdk:version-reporting": false,
      // Construct creation stack traces hold absolute paths of the machine that synthesized.
      "aws:cdk:disable-stack-trace": true,
      "aws:cdk:disable-creation-stack-traces": true,
      // As the CDK CLI does: resources show their construct path in the console.
      "aws:cdk:enable-path-metadata": true,
      // S3 server access logs delivered through a bucket policy, not ACLs, so every bucket
      // can keep ACLs disabled (BucketOwnerEnforced).
      "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true,
    },
  };
}

/** Adds the platform stack (and the nag checks) to an app; used by the CDK app entry too. */
export function addPlatformStack(app: App, spec: PlatformSpec, options: InfrastructureOptions = {}, names: PlatformNames = platformNames(spec)): PlatformStack {
  const stack = new PlatformStack(app, platformStackName(spec), { spec, names, stackName: platformStackName(spec) });
  options.extend?.(stack);
  if (options.nagChecks ?? true) {
    // Loaded only when used: cdk-nag's rule packs pull in most of aws-cdk-lib (~1 s).
    const { AwsSolutionsChecks } = createRequire(import.meta.url)("cdk-nag") as typeof import("cdk-nag");
    aws.core.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return stack;
}

/** Renders the cloud assembly: relative path → file content, sorted by path. */
export function synthesizeInfrastructure(spec: PlatformSpec, options: InfrastructureOptions = {}): ReadonlyMap<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), "slipway-cdk-"));
  try {
    const app = new aws.core.App(platformAppProps(outdir));
    addPlatformStack(app, spec, options);
    try {
      app.synth();
    } catch (error) {
      throw validationError(outdir, error);
    }
    const files = new Map<string, string>();
    for (const path of listFiles(outdir)) {
      const name = relative(outdir, path).split(sep).join("/");
      files.set(name, withoutTraces(readFileSync(path, "utf8")));
    }
    return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function listFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{
    readonly pluginName: string;
    readonly violations: ReadonlyArray<{ readonly ruleName: string; readonly description: string; readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }> }>;
  }>;
}

/** A failed validation plugin (cdk-nag) as a SlipwayError naming every finding and construct. */
function validationError(outdir: string, error: unknown): unknown {
  let report: ValidationReport;
  try {
    report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8")) as ValidationReport;
  } catch {
    return error;
  }
  const problems = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) => violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}: ${violation.description}`)),
  );
  if (problems.length === 0) return error;
  return new SlipwayError("INFRA_CHECK_FAILED", `the CDK stack breaks ${problems.length} cdk-nag AwsSolutions rule${problems.length === 1 ? "" : "s"}; nothing was written`, {
    where: "the platform CDK stack",
    problems,
    fix: "fix the resource, or acknowledge the finding with a reason (Validations.of(construct).acknowledge, see src/cdk/nag-acknowledgements.ts)",
    cause: error,
  });
}

/**
 * Removes the `trace` fields CDK writes into assembly metadata (the JavaScript call stack
 * with absolute file paths), which would differ between checkouts of the same spec.
 */
function withoutTraces(content: string): string {
  if (!content.includes('"trace"')) return content;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "trace").map(([key, inner]) => [key, strip(inner)]));
  };
  return JSON.stringify(strip(JSON.parse(content)), undefined, 2);
}
