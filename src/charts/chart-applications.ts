/**
 * The Argo CD Applications of a platform that install a Helm chart, read from the
 * generated Application objects themselves (not from the add-on generators' inputs), so
 * whatever values end up in an Application, spec overrides included, are what gets
 * validated and rendered.
 */
import { parse } from "yaml";
import type { KubeObject } from "../manifest/kube-object.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { platformNames } from "../platform-spec/names.js";
import { GENERATORS } from "../gitops/generators.js";
import { isManifestFile } from "../gitops/gitops-file.js";
import type { ChartCoordinates } from "./chart-cache.js";
import { isPlainObject } from "../manifest/plain-object.js";

export interface ChartApplication {
  /** The Application's name (`metadata.name`). */
  readonly name: string;
  readonly coordinates: ChartCoordinates;
  /** Helm release name: `helm.releaseName`, else the Application's name (as Argo CD does). */
  readonly releaseName: string;
  /** `spec.destination.namespace`. */
  readonly namespace: string;
  /** `helm.valuesObject` merged over `helm.values` (Argo CD gives valuesObject precedence). */
  readonly values: Record<string, unknown>;
}

/** Every object the platform's GitOps generators produce, in generator order. */
export function platformObjects(spec: PlatformSpec): KubeObject[] {
  const context = { spec, names: platformNames(spec) };
  return GENERATORS.flatMap((generate) => generate(context)).flatMap((file) => (isManifestFile(file) ? [...file.objects] : []));
}

export function platformChartApplications(spec: PlatformSpec): ChartApplication[] {
  return chartApplications(platformObjects(spec));
}

/** Chart sources of Argo CD Applications among `objects`, sorted by Application name. */
export function chartApplications(objects: readonly KubeObject[]): ChartApplication[] {
  const found: ChartApplication[] = [];
  for (const object of objects) {
    if (object.kind !== "Application" || !object.apiVersion.startsWith("argoproj.io/")) continue;
    const spec = isPlainObject(object.spec) ? object.spec : {};
    const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isPlainObject);
    const destination = isPlainObject(spec.destination) ? spec.destination : {};
    for (const source of sources) {
      if (typeof source.chart !== "string" || typeof source.repoURL !== "string") continue;
      const helm = isPlainObject(source.helm) ? source.helm : {};
      const fromText = typeof helm.values === "string" ? (parse(helm.values) as unknown) : undefined;
      const values = { ...(isPlainObject(fromText) ? fromText : {}), ...(isPlainObject(helm.valuesObject) ? helm.valuesObject : {}) };
      found.push({
        name: object.metadata.name,
        coordinates: { repoURL: source.repoURL, chart: source.chart, version: String(source.targetRevision ?? "") },
        releaseName: typeof helm.releaseName === "string" && helm.releaseName !== "" ? helm.releaseName : object.metadata.name,
        namespace: typeof destination.namespace === "string" ? destination.namespace : "default",
        values,
      });
    }
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
