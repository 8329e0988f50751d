/**
 * The files `slipway render` writes from a RenderResult: one folder per Application, one
 * canonical YAML file per object (`<kind>-<name>.yaml`, with the namespace added when two
 * objects would share a name), each headed by the chart version it came from, and
 * `render.json` listing every Application's chart, version, digest and files in apply
 * order. Pure: the same result always gives the same bytes.
 */
import { toYaml } from "../manifest/serialize.js";
import type { KubeObject } from "../manifest/kube-object.js";
import type { RenderResult } from "./render-addons.js";

export const RENDER_MANIFEST = "render.json";

export function renderFiles(result: RenderResult): Map<string, string> {
  const files = new Map<string, string>();
  const manifest: Record<string, unknown>[] = [];
  for (const addon of result.addons.values()) {
    const { chart } = addon;
    const header =
      `# Rendered by slipway render from chart ${chart.chart} ${chart.version} (${chart.repoURL}, sha256 ${chart.digest})\n` +
      `# Application ${addon.application}: release ${addon.releaseName}, namespace ${addon.namespace}, Kubernetes ${result.kubernetesVersion}\n`;
    const names = fileNames(addon.objects);
    const paths: string[] = [];
    addon.objects.forEach((object, index) => {
      const path = `${addon.application}/${names[index]}`;
      files.set(path, header + toYaml(object));
      paths.push(path);
    });
    manifest.push({
      application: addon.application,
      releaseName: addon.releaseName,
      namespace: addon.namespace,
      chart: { ...chart },
      files: paths,
    });
  }
  files.set(RENDER_MANIFEST, JSON.stringify({ kubernetesVersion: result.kubernetesVersion, apiVersions: result.apiVersions, applications: manifest }, null, 2) + "\n");
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function fileNames(objects: readonly KubeObject[]): string[] {
  const base = objects.map((object) => `${safe(object.kind.toLowerCase())}-${safe(object.metadata?.name ?? "unnamed")}`);
  const counts = new Map<string, number>();
  for (const name of base) counts.set(name, (counts.get(name) ?? 0) + 1);
  const used = new Set<string>();
  return objects.map((object, index) => {
    let name = base[index]!;
    if ((counts.get(name) ?? 0) > 1) name = `${name}.${safe(object.metadata?.namespace ?? "cluster")}`;
    let candidate = name;
    for (let suffix = 2; used.has(candidate); suffix++) candidate = `${name}-${suffix}`;
    used.add(candidate);
    return `${candidate}.yaml`;
  });
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "_");
}
