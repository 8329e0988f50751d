/**
 * Everything the report shows, gathered from one spec: the architecture and versions from
 * the generated objects, the check findings of the synthesized GitOps repository, the cost
 * estimate and an optional simulation; then the page, written to `DIR/index.html` by the
 * one whole-file writer, so a failure leaves no half-written page (and an older page stays as it was).
 *
 * The checker is `slipway check` itself (checkManifests) on the tree `slipway synth` would
 * write to `gitops/`: kustomize renders folders and Argo CD Applications are followed from
 * files, so the tree goes to a temporary folder first and is removed after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkManifests } from "../check/check.js";
import type { CostEstimate } from "../cost/cost-estimate.js";
import { synthesizeGitOps } from "../gitops/synthesize.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import type { SimulationResult } from "../simulate/simulation-result.js";
import { writeOutputFile } from "../synth/output-file.js";
import { writeTree } from "../synth/write-tree.js";
import { addonVersions } from "./addon-versions.js";
import { architectureOf } from "./architecture.js";
import type { CostUnavailable } from "./cost-section.js";
import type { ReportFindings } from "./findings-section.js";
import { reportPage } from "./report-page.js";

export const REPORT_FILE = "index.html";

export interface ReportInputs {
  readonly spec: PlatformSpec;
  /** How the page names the spec: its file as given, or "the reference platform". */
  readonly specSource: string;
  readonly slipwayVersion: string;
  readonly cost: CostEstimate | CostUnavailable;
  readonly simulation?: { readonly result: SimulationResult; readonly source: string };
  /**
   * A Helm repository (folder or URL) to render the add-ons' charts from and check what
   * they install, as `slipway check --charts`. @default not rendered (said on the page)
   */
  readonly charts?: string;
}

/** `slipway check` of the GitOps repository the spec synthesizes. */
export async function checkSynthesizedGitOps(spec: PlatformSpec, charts?: string): Promise<ReportFindings> {
  const root = mkdtempSync(join(tmpdir(), "slipway-report-"));
  try {
    writeTree(join(root, "gitops"), synthesizeGitOps(spec));
    const result = await checkManifests(["gitops"], { cwd: root, kubernetesVersion: spec.cluster.kubernetesVersion, argocd: spec.argocd.mode, charts: charts ?? false });
    return {
      kubernetesVersion: result.kubernetesVersion,
      argocd: spec.argocd.mode,
      findings: result.findings,
      files: result.stats.files,
      objects: result.stats.objects,
      suppressed: result.stats.suppressed,
      notes:
        charts === undefined
          ? ["The add-ons' Helm charts were not rendered, so what they install is not checked here; pass --charts DIR|URL (a Helm repository with the pinned charts) to include it, as slipway check --charts does."]
          : [`The add-ons' Helm charts were rendered from ${charts} and what they install is checked too.`],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function buildReport(inputs: ReportInputs): Promise<string> {
  const architecture = architectureOf(inputs.spec);
  return reportPage({
    specSource: inputs.specSource,
    slipwayVersion: inputs.slipwayVersion,
    architecture,
    addons: addonVersions(inputs.spec, architecture),
    findings: await checkSynthesizedGitOps(inputs.spec, inputs.charts),
    cost: inputs.cost,
    ...(inputs.simulation !== undefined ? { simulation: inputs.simulation } : {}),
  });
}

/** Writes `DIR/index.html` whole (writeOutputFile): the page is whole or absent, and an older page stays until then. */
export function writeReport(directory: string, page: string): Promise<string> {
  return writeOutputFile(resolve(directory), REPORT_FILE, page);
}
