/**
 * The API versions a chart sees in `.Capabilities.APIVersions` when Argo CD renders it on
 * the platform's cluster: every group/version (and group/version/Kind, the form charts
 * test with `.Has "monitoring.coreos.com/v1/ServiceMonitor"`) served by the CRDs the
 * platform's own charts install, plus the custom resource versions the platform writes
 * (CRD_API_VERSIONS: Argo CD's, installed by `slipway bootstrap`). Built-in Kubernetes
 * APIs come from helm itself through `--kube-version`.
 */
import { parse } from "yaml";
import type { KubeObject } from "../manifest/kube-object.js";
import { CRD_API_VERSIONS } from "../versions.js";
import { isPlainObject } from "./packaged-chart.js";

/** `group/version` and `group/version/Kind` of every served version of the given CRDs. */
export function crdApiVersions(objects: readonly KubeObject[]): string[] {
  const versions = new Set<string>();
  for (const object of objects) {
    if (object.kind !== "CustomResourceDefinition" || !object.apiVersion.startsWith("apiextensions.k8s.io/")) continue;
    const spec = isPlainObject(object.spec) ? object.spec : {};
    const group = typeof spec.group === "string" ? spec.group : undefined;
    const kind = isPlainObject(spec.names) && typeof spec.names.kind === "string" ? spec.names.kind : undefined;
    if (group === undefined || !Array.isArray(spec.versions)) continue;
    for (const version of spec.versions) {
      if (!isPlainObject(version) || typeof version.name !== "string" || version.served === false) continue;
      versions.add(`${group}/${version.name}`);
      if (kind !== undefined) versions.add(`${group}/${version.name}/${kind}`);
    }
  }
  return [...versions].sort();
}

/** CRD objects in plain YAML files (a chart's `crds/` folder). Unparseable files are skipped: helm would fail on them itself. */
export function crdObjectsFromFiles(files: Iterable<string>): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const text of files) {
    for (const document of text.split(/^---\s*$/m)) {
      try {
        const value: unknown = parse(document);
        if (isPlainObject(value) && value.kind === "CustomResourceDefinition") objects.push(value as KubeObject);
      } catch {
        continue;
      }
    }
  }
  return objects;
}

/** The sorted `--api-versions` set: the CRDs' versions plus CRD_API_VERSIONS. */
export function platformApiVersions(crds: readonly KubeObject[]): string[] {
  return [...new Set([...crdApiVersions(crds), ...Object.values(CRD_API_VERSIONS)])].sort();
}
