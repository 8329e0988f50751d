/**
 * Renders one chart Application the way Argo CD does, with the pinned helm: `helm template`
 * with the Application's release name and destination namespace, the cluster's Kubernetes
 * version, the API versions the cluster will serve, its CRDs included, and its values.
 * Chart tests are skipped (Argo CD does not run Helm test hooks).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SlipwayError } from "../errors.js";
import type { KubeObject } from "../manifest/kube-object.js";
import { parseSource } from "../check/load/parse-source.js";

export interface HelmTemplateRequest {
  readonly application: string;
  readonly chartPath: string;
  readonly releaseName: string;
  readonly namespace: string;
  /** `1.35` */
  readonly kubernetesVersion: string;
  readonly apiVersions: readonly string[];
  readonly values: Record<string, unknown>;
}

export function helmTemplateArguments(request: HelmTemplateRequest, valuesFile: string): string[] {
  return [
    "template",
    request.releaseName,
    request.chartPath,
    "--namespace",
    request.namespace,
    "--kube-version",
    request.kubernetesVersion,
    ...request.apiVersions.flatMap((version) => ["--api-versions", version]),
    "--include-crds",
    "--skip-tests",
    "--values",
    valuesFile,
  ];
}

/** Runs helm template; resolves to the rendered objects in helm's order. */
export async function helmTemplate(helm: string, request: HelmTemplateRequest): Promise<KubeObject[]> {
  const folder = await mkdtemp(join(tmpdir(), "slipway-render-"));
  try {
    const valuesFile = join(folder, "values.json");
    // JSON is YAML: the values reach helm exactly as the Application holds them.
    await writeFile(valuesFile, JSON.stringify(request.values));
    const output = await new Promise<string>((resolvePromise, reject) => {
      execFile(helm, helmTemplateArguments(request, valuesFile), { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) {
          reject(
            new SlipwayError("CHART_RENDER_FAILED", `helm template failed for ${request.application}: ${stderr.trim().split("\n")[0] || error.message}`, {
              where: `Application ${request.application} (chart ${request.chartPath})`,
              fix: "correct the Application's Helm values (the message names the template and field); the helm error above is the chart's own",
              cause: error,
            }),
          );
          return;
        }
        resolvePromise(stdout);
      });
    });
    const parsed = parseSource(output, `helm template ${request.application}`);
    if (parsed.findings.length > 0) {
      throw new SlipwayError("CHART_RENDER_FAILED", `the output of helm template for ${request.application} is not valid Kubernetes YAML`, {
        where: `Application ${request.application}`,
        problems: parsed.findings.map((finding) => `line ${finding.line}: ${finding.message}`),
        fix: "correct the Application's Helm values; a value of the wrong type often breaks a chart's YAML",
      });
    }
    return parsed.objects.map((object) => object.document as KubeObject);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
