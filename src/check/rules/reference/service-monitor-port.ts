/**
 * `reference/service-monitor-port`: a ServiceMonitor endpoint's `port` is the *name* of a
 * port of the Services it selects (spec.selector, in spec.namespaceSelector or its own
 * namespace). A name no selected Service has yields no scrape target, silently.
 */
import type { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { chartDestinations } from "../support/input-coverage.js";
import { asArray, asName, asRecord, asRecords, asStringMap, getPath } from "../support/json.js";
import { objectsOfKind } from "../support/find-objects.js";
import { LabelIndex } from "../support/label-index.js";
import { formatSelector, parseLabelSelector } from "../support/label-selector.js";
import { namespaceOf } from "../support/namespaces.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

/** The namespaces a ServiceMonitor looks for Services in: `all` with `namespaceSelector.any`. */
function selectedNamespaces(monitor: SourceObject): readonly string[] | "all" {
  const namespaceSelector = asRecord(getPath(monitor.document, "spec", "namespaceSelector"));
  if (namespaceSelector?.any === true) return "all";
  const names = asArray(namespaceSelector?.matchNames).filter((item): item is string => typeof item === "string");
  if (names.length > 0) return [...new Set(names)];
  return [namespaceOf(monitor)];
}

interface ServicesOfNamespace {
  readonly namespace: string;
  readonly index: LabelIndex<SourceObject>;
}

function portNames(service: SourceObject): string[] {
  return asRecords(getPath(service.document, "spec", "ports")).flatMap((port) => asName(port.name) ?? []);
}

export const serviceMonitorPortTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "service-monitor-port",
  description: "Every ServiceMonitor endpoint port names a port of the Services the ServiceMonitor selects.",
  params: PARAMS,
  check(context, _params, report) {
    // Services by namespace, each namespace's indexed by labels: a monitor looks at its namespaces only.
    const byNamespace = new Map<string, SourceObject[]>();
    for (const service of objectsOfKind(context.objects, "Service")) {
      if (service.apiVersion !== "v1") continue;
      const list = byNamespace.get(namespaceOf(service));
      if (list) list.push(service);
      else byNamespace.set(namespaceOf(service), [service]);
    }
    const indexes = new Map<string, ServicesOfNamespace>(
      [...byNamespace].map(([namespace, services]) => [namespace, { namespace, index: new LabelIndex(services, (service) => asStringMap(getPath(service.document, "metadata", "labels"))) }]),
    );
    const charts = chartDestinations(context.objects);
    for (const monitor of objectsOfKind(context.objects, "ServiceMonitor")) {
      if (!monitor.apiVersion.startsWith("monitoring.coreos.com/")) continue;
      const selector = parseLabelSelector(getPath(monitor.document, "spec", "selector") ?? {});
      const namespaces = selectedNamespaces(monitor);
      if (selector.malformed) continue;
      const candidates = namespaces === "all" ? [...indexes.values()] : namespaces.flatMap((namespace) => indexes.get(namespace) ?? []);
      const selected = candidates.flatMap((services) => services.index.matching(selector));
      if (selected.length === 0) {
        // Quiet when the Services may be out of sight: none in the namespaces, or a chart's.
        if (candidates.length === 0 || candidates.some((services) => charts.has(services.namespace))) continue;
        report(monitor, `selector ${formatSelector(selector)} matches no Service, so no endpoint is scraped`);
        continue;
      }
      for (const endpoint of asRecords(getPath(monitor.document, "spec", "endpoints"))) {
        const port = asName(endpoint.port);
        if (!port || selected.some((service) => portNames(service).includes(port))) continue;
        const available = selected
          .map((service) => `${namespaceOf(service)}/${service.name}: ${portNames(service).join(", ") || "no named ports"}`)
          .sort()
          .join("; ");
        report(
          monitor,
          `endpoint port "${port}" names no port of the selected Services (${available})`,
          `set the endpoint's port to the name of a Service port, or name the Service port "${port}"`,
        );
      }
    }
  },
};
