/**
 * Heuristics for "does the input plausibly contain everything of this kind in this
 * namespace?". A rule that reports a missing object is only right when the input is the
 * whole namespace; these answers keep reference rules quiet on partial inputs (a chart
 * rendered by Argo CD, Secrets created by operators, a repository that is one of many).
 */
import type { SourceObject } from "../../finding.js";
import { objectsOfKind } from "./find-objects.js";
import { asRecord, asRecords, getPath } from "./json.js";
import { memoizeByObjects } from "./memoize.js";
import { workloadsOf } from "./workloads.js";

/** Namespaces an Argo CD Application fills with a Helm chart the checker does not render. */
export const chartDestinations = memoizeByObjects((objects: readonly SourceObject[]): ReadonlySet<string> => {
  const namespaces = new Set<string>();
  for (const object of objectsOfKind(objects, "Application")) {
    if (!object.apiVersion.startsWith("argoproj.io/")) continue;
    const spec = asRecord(object.document.spec);
    const sources = [asRecord(spec?.source), ...asRecords(spec?.sources)];
    const namespace = getPath(spec, "destination", "namespace");
    if (typeof namespace === "string" && sources.some((source) => typeof source?.chart === "string")) namespaces.add(namespace);
  }
  return namespaces;
});

/**
 * Namespaces whose pods the input describes: at least one workload is in the input and
 * no Helm chart is deployed there by an Application (its pods would be invisible).
 */
export const namespacesWithKnownPods = memoizeByObjects((objects: readonly SourceObject[]): ReadonlySet<string> => {
  const charts = chartDestinations(objects);
  return new Set(workloadsOf(objects).map((workload) => workload.namespace).filter((namespace) => !charts.has(namespace)));
});
