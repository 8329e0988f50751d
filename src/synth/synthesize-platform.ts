/**
 * Everything `slipway synth` produces, rendered in memory first and then written at once:
 * the GitOps repository (`gitops/`), the CDK cloud assembly of the AWS side (`cdk.out/`,
 * deployable with `npx cdk deploy --app <out>/cdk.out`) and the GitHub Actions workflows
 * of the applications (`workflows/`). Nothing is written if any part fails to render.
 *
 * With a chart resolver, every chart Application's Helm values are first checked against
 * its chart (src/charts/validate-chart-values.ts): an unknown key fails synthesis before
 * anything is written; a chart that is not available is listed in the summary, unchecked.
 */
import { join } from "node:path";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { platformNames } from "../platform-spec/names.js";
import { synthesizeGitOps } from "../gitops/synthesize.js";
import type { InfrastructureOptions } from "../cdk/synthesize-infrastructure.js";
import { startInfrastructureSynthesis } from "./infrastructure-synthesis.js";
import { githubWorkflows, WORKFLOWS_FOLDER } from "../github-actions/github-workflow.js";
import { writeTree } from "./write-tree.js";
import { platformChartApplications } from "../charts/chart-applications.js";
import type { ChartResolver } from "../charts/chart-resolver.js";
import { validateChartValues } from "../charts/validate-chart-values.js";
import { teamApplicationPathReport } from "../gitops/argocd/team-application-paths.js";
import { assertOutputWritable } from "./output-directory.js";

export interface SynthesisResult {
  readonly gitopsDirectory: string;
  readonly cdkOutDirectory: string;
  readonly workflowsDirectory: string;
  readonly summary: readonly string[];
  /** What the spec leaves to someone else before Argo CD can sync, each `field.path: what to do`. */
  readonly warnings: readonly string[];
}

export interface SynthesisOptions {
  /** @default { nagChecks: true } */
  readonly infrastructure?: InfrastructureOptions;
  /** Where charts come from, to validate Helm values against them. @default values are not validated */
  readonly charts?: ChartResolver;
}

export async function synthesizePlatform(spec: PlatformSpec, outDirectory: string, options: SynthesisOptions = {}): Promise<SynthesisResult> {
  // Fail on a bad --out before the seconds of synthesis, not after.
  assertOutputWritable(outDirectory);
  // Started first: on a worker thread it overlaps with everything below (infrastructure-synthesis.ts).
  const infrastructure = startInfrastructureSynthesis(spec, options.infrastructure);
  let chartValues: Awaited<ReturnType<typeof validateChartValues>> | undefined;
  let gitops: ReadonlyMap<string, string>;
  let workflows: Map<string, string>;
  try {
    chartValues = options.charts === undefined ? undefined : await validateChartValues(platformChartApplications(spec), options.charts);
    gitops = synthesizeGitOps(spec);
    workflows = new Map([...githubWorkflows(spec, platformNames(spec))].map(([path, content]) => [path.slice(WORKFLOWS_FOLDER.length + 1), content]));
  } catch (error) {
    infrastructure.cancel();
    throw error;
  }
  const cloudAssembly = await infrastructure.result;

  const gitopsDirectory = join(outDirectory, "gitops");
  const cdkOutDirectory = join(outDirectory, "cdk.out");
  const workflowsDirectory = join(outDirectory, WORKFLOWS_FOLDER);
  writeTree(gitopsDirectory, gitops);
  writeTree(cdkOutDirectory, cloudAssembly);
  writeTree(workflowsDirectory, workflows);
  return {
    gitopsDirectory,
    cdkOutDirectory,
    workflowsDirectory,
    warnings: [
      ...teamApplicationPathReport(spec, gitops.keys()).warnings.map((warning) => `${warning.path.join(".")}: ${warning.message}`),
      ...(chartValues === undefined ? [] : overriddenVersionWarnings(spec, chartValues)),
    ],
    summary: [
      `gitops/: ${gitops.size} files`,
      `cdk.out/: CloudFormation stack ${[...cloudAssembly.keys()].filter((path) => path.endsWith(".template.json")).map((path) => path.replace(/\.template\.json$/, "")).join(", ")} (npx cdk deploy --app ${cdkOutDirectory})`,
      `${WORKFLOWS_FOLDER}/: ${workflows.size} GitHub Actions workflow${workflows.size === 1 ? "" : "s"}`,
      ...(chartValues === undefined ? [] : chartValuesSummary(chartValues)),
    ],
  };
}

/**
 * A chart version the spec chose (`addons.<name>.version`) that no chart source had. Offline
 * or with a mirror that lacks it, Slipway cannot tell a missing version from an unreachable
 * one, so it is a warning, not an error; but it is never silent: if the version does not
 * exist, Argo CD's repo-server fails the Application and nothing of the add-on is installed.
 */
function overriddenVersionWarnings(spec: PlatformSpec, report: Awaited<ReturnType<typeof validateChartValues>>): string[] {
  return report.unavailable.flatMap((item) => {
    const version = (spec.addons as Record<string, { readonly version?: string | undefined } | undefined>)[item.application]?.version;
    if (version === undefined) return [];
    return [
      `addons.${item.application}.version: ${version} was found in no chart source (${item.reason}), so its values are unchecked; if the chart repository has no such version, Argo CD cannot render the add-on and installs nothing of it. Check it with \`helm search repo ${item.chart.split(" ")[0]} --versions\`, or pass --charts with a repository that has it`,
    ];
  });
}

function chartValuesSummary(report: Awaited<ReturnType<typeof validateChartValues>>): string[] {
  const lines: string[] = [];
  if (report.validated.length > 0) lines.push(`Helm values: ${report.validated.length} add-on${report.validated.length === 1 ? "" : "s"} checked against their charts, 0 unknown keys`);
  if (report.unavailable.length > 0) {
    lines.push(
      `Helm values NOT checked for ${report.unavailable.length} add-on${report.unavailable.length === 1 ? "" : "s"} (chart not available: ${report.unavailable.map((item) => item.chart).join(", ")}); pass --charts DIR|URL or set SLIPWAY_CHARTS to check them`,
    );
  }
  return lines;
}
