/**
 * Renders an add-on Application's Helm chart with the real, pinned helm from the Helm
 * repository folder ../shared/charts, as Argo CD would: the Application's release name,
 * destination namespace and inline values, the cluster's Kubernetes version and the CRD
 * API versions the platform installs. Tests assert on what the charts really produce
 * instead of on the values Slipway writes.
 *
 * ../shared/charts may hold a chart one release older than the pin (its SOURCES.md says
 * which); the chart is taken by name from the folder's index.yaml.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { helmPath } from "../../src/tools/kubectl.js";
import { CRD_API_VERSIONS, KUBERNETES } from "../../src/versions.js";
import { SHARED_DIR } from "./paths.js";

export const SHARED_CHARTS_DIR = resolve(SHARED_DIR, "charts");

/** Why chart tests skip on this machine, or undefined when ../shared/charts is there. */
export const CHARTS_UNAVAILABLE = existsSync(join(SHARED_CHARTS_DIR, "index.yaml"))
  ? undefined
  : `skipped: no Helm repository folder at ${SHARED_CHARTS_DIR} (index.yaml + packaged charts)`;

interface HelmSource {
  readonly chart: string;
  readonly helm: { readonly releaseName: string; readonly valuesObject: unknown };
}

/** CRD groups the platform installs, so charts that check `.Capabilities.APIVersions` render their custom resources. */
const PLATFORM_API_VERSIONS = [...new Set([...Object.values(CRD_API_VERSIONS), "cert-manager.io/v1", "monitoring.coreos.com/v1"])].sort();

function chartArchive(chart: string): string {
  const index = parse(readFileSync(join(SHARED_CHARTS_DIR, "index.yaml"), "utf8")) as { entries?: Record<string, { urls?: string[] }[]> };
  const url = index.entries?.[chart]?.[0]?.urls?.[0];
  if (url === undefined) throw new Error(`chart "${chart}" is not in ${SHARED_CHARTS_DIR}/index.yaml`);
  return resolve(SHARED_CHARTS_DIR, url);
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${stderr || error.message}`));
      else resolvePromise(stdout);
    });
  });
}

const renders = new Map<string, Promise<KubeObject[]>>();

/**
 * Every object `helm template` renders for the Application (hooks included, CRDs not),
 * in the chart's order; rendered once per Application source and destination unless
 * `fresh` asks for a new render (to see whether two renders agree, as Argo CD needs).
 */
export function renderApplication(application: KubeObject, options: { readonly fresh?: boolean } = {}): Promise<KubeObject[]> {
  const spec = application.spec as { source: HelmSource; destination: { namespace: string } };
  if (options.fresh === true) return renderChart(spec.source, spec.destination.namespace);
  const key = JSON.stringify([spec.source, spec.destination]);
  let render = renders.get(key);
  if (render === undefined) {
    render = renderChart(spec.source, spec.destination.namespace);
    renders.set(key, render);
  }
  return render;
}

async function renderChart(source: HelmSource, namespace: string): Promise<KubeObject[]> {
  const folder = mkdtempSync(join(tmpdir(), "slipway-render-"));
  try {
    const valuesFile = join(folder, "values.json");
    writeFileSync(valuesFile, JSON.stringify(source.helm.valuesObject));
    const args = ["template", source.helm.releaseName, chartArchive(source.chart), "--namespace", namespace, "--values", valuesFile];
    args.push("--kube-version", KUBERNETES.defaultVersion, ...PLATFORM_API_VERSIONS.flatMap((version) => ["--api-versions", version]));
    const stream = await run(await helmPath(), args);
    return parseAllDocuments(stream)
      .map((document) => document.toJSON() as KubeObject | null)
      .filter((object): object is KubeObject => object !== null && typeof object === "object" && typeof object.kind === "string");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The namespace a namespaced object lands in: its own, or the Application's destination (Argo CD fills it in). */
export function namespaceOf(object: KubeObject, destinationNamespace: string): string {
  return object.metadata.namespace ?? destinationNamespace;
}
