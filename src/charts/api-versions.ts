/**
 * The API versions a chart sees in `.Capabilities.APIVersions` when Argo CD renders it on
 * the platform's cluster: every group/version (and group/version/Kind, the form charts
 * test with `.Has "monitoring.coreos.com/v1/ServiceMonitor"`) served by the CRDs the
 * platform's own charts install, plus the custom resource versions the platform writes
 * (CRD_API_VERSIONS: Argo CD's, installed by `slipway bootstrap`), plus every built-in
 * API of the cluster's Kubernetes version, read from the checker's schema bundle of that
 * version. Helm's own default set is not enough: it lacks aggregated APIs such as
 * `apiregistration.k8s.io/v1`, so prometheus-adapter would render a v1beta1 APIService
 * that Kubernetes removed in 1.22, where Argo CD (which passes the cluster's APIs) renders v1.
 */
import { parse } from "yaml";
import type { KubeObject } from "../manifest/kube-object.js";
import { kubernetesSchemaBundle } from "../check/schema/kubernetes-schema-bundle.js";
import { CRD_API_VERSIONS } from "../versions.js";
import { isPlainObject } from "../manifest/plain-object.js";

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

/** `group/version` and `group/version/Kind` of every built-in kind of a Kubernetes minor version. */
export function builtInApiVersions(kubernetesVersion: string): string[] {
  const versions = new Set<string>();
  for (const key of Object.keys(kubernetesSchemaBundle(kubernetesVersion).index)) {
    versions.add(key);
    versions.add(key.slice(0, key.lastIndexOf("/")));
  }
  return [...versions];
}

/** The sorted `--api-versions` set: the built-in APIs of the version, the CRDs' versions and CRD_API_VERSIONS. */
export function platformApiVersions(crds: readonly KubeObject[], kubernetesVersion: string): string[] {
  return [...new Set([...builtInApiVersions(kubernetesVersion), ...crdApiVersions(crds), ...Object.values(CRD_API_VERSIONS)])].sort();
}
