/**
 * Who serves the custom (custom.metrics.k8s.io) and external (external.metrics.k8s.io)
 * metrics APIs in the input: an APIService for the group, prometheus-adapter (an Argo CD
 * Application of its chart or a Deployment running its image) or KEDA (external only).
 * For a prometheus-adapter Application whose inline values define every rule
 * (`rules.default: false`, no `rules.existing`), the served metric names are computed from
 * each rule's seriesQuery and `name.matches`/`name.as`, as the adapter's naming does.
 */
import type { SourceObject } from "../../finding.js";
import { applicationSources, isApplication, mergedHelmValues } from "../support/argocd-sources.js";
import { asName, asRecord, asRecords, asString, getPath } from "../support/json.js";
import { workloadsOf } from "../support/workloads.js";

export type MetricsApi = "custom" | "external";

export interface MetricsServer {
  /** `APIService v1beta1.custom.metrics.k8s.io`, `Application argocd/prometheus-adapter`, ... */
  readonly label: string;
  readonly apis: ReadonlySet<MetricsApi>;
  /** Metric names per API when determinable from the input; absent when any name may be served. */
  readonly served?: Readonly<Record<MetricsApi, ReadonlySet<string>>>;
}

export const METRICS_API_GROUPS: Readonly<Record<MetricsApi, string>> = {
  custom: "custom.metrics.k8s.io",
  external: "external.metrics.k8s.io",
};

const SERIES_NAME = /^[A-Za-z_:][A-Za-z0-9_:]*$/;

/** The one series name a seriesQuery selects, when it names exactly one literally. */
function seriesName(seriesQuery: string): string | undefined {
  const query = seriesQuery.trim();
  const leading = /^([A-Za-z_:][A-Za-z0-9_:]*)\s*(\{|$)/.exec(query);
  if (leading?.[1]) return leading[1];
  const byName = /__name__\s*(=~?)\s*"([^"]*)"/.exec(query);
  if (!byName?.[2]) return undefined;
  const literal = byName[1] === "=~" ? byName[2].replace(/^\^/, "").replace(/\$$/, "") : byName[2];
  return SERIES_NAME.test(literal) ? literal : undefined;
}

/** prometheus-adapter's naming: `matches` (default `.*`) and `as` (default `$1` with one group, else `$0`). */
function servedName(rule: Record<string, unknown>): string | undefined {
  const name = asRecord(rule.name);
  const as = asString(name?.as);
  if (as && !as.includes("$")) return as;
  const series = seriesName(asString(rule.seriesQuery) ?? "");
  if (!series) return undefined;
  try {
    const pattern = new RegExp(asString(name?.matches) || ".*");
    const match = pattern.exec(series);
    if (!match) return undefined;
    const template = as || (match.length === 2 ? "$1" : "$0");
    return template.replace(/\$\{(\d+)\}|\$(\d+)/g, (_whole, braced: string | undefined, bare: string | undefined) => match[Number(braced ?? bare)] ?? "");
  } catch {
    return undefined;
  }
}

function namesOf(rules: unknown): Set<string> | undefined {
  const names = new Set<string>();
  for (const rule of asRecords(rules)) {
    const name = servedName(rule);
    if (name === undefined) return undefined;
    names.add(name);
  }
  return names;
}

function prometheusAdapterApplication(application: SourceObject): MetricsServer | undefined {
  const source = applicationSources(application).find((candidate) => asString(candidate.chart) === "prometheus-adapter");
  if (!source) return undefined;
  const values = mergedHelmValues(source);
  const rules = asRecord(values.rules);
  const label = `Application ${application.namespace ? `${application.namespace}/` : ""}${application.name}`;
  const hasExternal = asRecords(rules?.external).length > 0;
  const apis = new Set<MetricsApi>(hasExternal ? ["custom", "external"] : ["custom"]);
  // The chart's default rules (rules.default: true) serve every cAdvisor-derived name; an
  // existing ConfigMap is out of sight: in both cases any name may be served.
  if (rules?.default !== false || asName(rules?.existing)) return { label, apis };
  const custom = namesOf(rules?.custom);
  const external = namesOf(rules?.external);
  if (!custom || !external) return { label, apis };
  return { label, apis, served: { custom, external } };
}

export function metricsServers(objects: readonly SourceObject[]): MetricsServer[] {
  const servers: MetricsServer[] = [];
  for (const object of objects) {
    if (object.kind === "APIService" && object.apiVersion.startsWith("apiregistration.k8s.io/")) {
      const group = asString(getPath(object.document, "spec", "group")) ?? object.name.replace(/^v[^.]+\./, "");
      for (const api of ["custom", "external"] as const) {
        if (group === METRICS_API_GROUPS[api]) servers.push({ label: `APIService ${object.name}`, apis: new Set([api]) });
      }
    }
    if (isApplication(object)) {
      const adapter = prometheusAdapterApplication(object);
      if (adapter) servers.push(adapter);
      if (applicationSources(object).some((source) => asString(source.chart) === "keda")) {
        servers.push({ label: `Application ${object.name}`, apis: new Set(["external"]) });
      }
    }
  }
  for (const workload of workloadsOf(objects)) {
    const images = workload.containers.map((container) => asString(container.record.image) ?? "");
    const label = () => `${workload.source.kind} ${workload.namespace}/${workload.source.name}`;
    if (images.some((image) => /prometheus-adapter|k8s-prometheus-adapter/.test(image))) {
      servers.push({ label: label(), apis: new Set(["custom", "external"]) });
    } else if (images.some((image) => /keda-metrics-apiserver|keda-adapter/.test(image))) {
      servers.push({ label: label(), apis: new Set(["external"]) });
    }
  }
  return servers;
}
