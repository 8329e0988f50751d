/**
 * Heuristics for "does the input plausibly contain everything of this kind in this
 * namespace?". A rule that reports a missing object is only right when the input is the
 * whole namespace; these answers keep reference rules quiet on partial inputs (a chart
 * rendered by Argo CD, Secrets created by operators, a repository that is one of many).
 */
import type { SourceObject } from "../../finding.js";
import { asRecord, asRecords, getPath } from "./json.js";
import type { Workload } from "./workloads.js";

/** Namespaces an Argo CD Application fills with a Helm chart the checker does not render. */
export function chartDestinations(objects: readonly SourceObject[]): Set<string> {
  const namespaces = new Set<string>();
  for (const object of objects) {
    if (object.kind !== "Application" || !object.apiVersion.startsWith("argoproj.io/")) continue;
    const spec = asRecord(object.document.spec);
    const sources = [asRecord(spec?.source), ...asRecords(spec?.sources)];
    const namespace = getPath(spec, "destination", "namespace");
    if (typeof namespace === "string" && sources.some((source) => typeof source?.chart === "string")) namespaces.add(namespace);
  }
  return namespaces;
}

/**
 * Namespaces whose pods the input describes: at least one workload is in the input and
 * no Helm chart is deployed there by an Application (its pods would be invisible).
 */
export function namespacesWithKnownPods(objects: readonly SourceObject[], workloads: readonly Workload[]): Set<string> {
  const charts = chartDestinations(objects);
  return new Set(workloads.map((workload) => workload.namespace).filter((namespace) => !charts.has(namespace)));
}
