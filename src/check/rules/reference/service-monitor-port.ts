/**
 * `reference/service-monitor-port`: a ServiceMonitor endpoint's `port` is the *name* of a
 * port of the Services it selects (spec.selector, in spec.namespaceSelector or its own
 * namespace). A name no selected Service has yields no scrape target, silently.
 */
import { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckTemplate } from "../check-template.js";
import { chartDestinations } from "../support/input-coverage.js";
import { asArray, asName, asRecord, asRecords, asStringMap, getPath } from "../support/json.js";
import { formatSelector, matchesLabels, parseLabelSelector } from "../support/label-selector.js";
import { namespaceOf } from "../support/namespaces.js";

const PARAMS = z.object({}).strict();

function selectedNamespaces(monitor: SourceObject): (namespace: string) => boolean {
  const namespaceSelector = asRecord(getPath(monitor.document, "spec", "namespaceSelector"));
  if (namespaceSelector?.any === true) return () => true;
  const names = asArray(namespaceSelector?.matchNames).filter((item): item is string => typeof item === "string");
  if (names.length > 0) return (namespace) => names.includes(namespace);
  return (namespace) => namespace === namespaceOf(monitor);
}

function portNames(service: SourceObject): string[] {
  return asRecords(getPath(service.document, "spec", "ports")).flatMap((port) => asName(port.name) ?? []);
}

export const serviceMonitorPortTemplate: CheckTemplate<z.infer<typeof PARAMS>> = {
  key: "service-monitor-port",
  description: "Every ServiceMonitor endpoint port names a port of the Services the ServiceMonitor selects.",
  params: PARAMS,
  check(context, _params, report) {
    const services = context.objects.filter((object) => object.kind === "Service" && object.apiVersion === "v1");
    const charts = chartDestinations(context.objects);
    for (const monitor of context.objects) {
      if (monitor.kind !== "ServiceMonitor" || !monitor.apiVersion.startsWith("monitoring.coreos.com/")) continue;
      const selector = parseLabelSelector(getPath(monitor.document, "spec", "selector") ?? {});
      const inNamespace = selectedNamespaces(monitor);
      if (selector.malformed) continue;
      const candidates = services.filter((service) => inNamespace(namespaceOf(service)));
      const selected = candidates.filter((service) => matchesLabels(selector, asStringMap(getPath(service.document, "metadata", "labels"))));
      if (selected.length === 0) {
        // Quiet when the Services may be out of sight: none in the namespaces, or a chart's.
        if (candidates.length === 0 || candidates.some((service) => charts.has(namespaceOf(service)))) continue;
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
