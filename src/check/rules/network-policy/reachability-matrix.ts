/**
 * The readable answer to "who may reach whom", printed by `check --show-reachability`:
 * per namespace, a table with one row per source workload and one column per destination
 * workload of the namespace (plus CoreDNS), each cell the ports allowed; then the
 * connections allowed between namespaces, one line per namespace pair when every workload
 * pair is fully open, one line per workload pair otherwise.
 */
import type { CheckContext } from "../../rule.js";
import { formatPortSet } from "./port-set.js";
import { allowedTraffic, buildNetworkModel, KUBE_DNS, type Endpoint, type NetworkModel } from "./reachability.js";

const LEGEND = [
  "Reachability under the NetworkPolicies of the input: a cell lists the ports the source (row)",
  'may open on the destination\'s pods (column): "all" every port and protocol, "-" none,',
  '"TCP/*" every TCP port.',
];

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `Kind name` inside its namespace's table. */
function shortLabel(endpoint: Endpoint): string {
  return endpoint.workload ? `${endpoint.workload.source.kind} ${endpoint.workload.source.name}` : endpoint.label;
}

function renderTable(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) => `${indent}${row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join("  ")}`.trimEnd());
}

function namespaceSection(model: NetworkModel, namespace: string, endpoints: readonly Endpoint[]): string[] {
  const destinations = [...endpoints, KUBE_DNS];
  const keys = destinations.map((_, index) => (index < endpoints.length ? String(index + 1) : "dns"));
  const legend = renderTable(
    destinations.map((endpoint, index) => [keys[index] ?? "", shortLabel(endpoint)]),
    "  ",
  );
  const rows = endpoints.map((source, index) => [
    String(index + 1),
    ...destinations.map((destination) => formatPortSet(allowedTraffic(model, source, destination))),
  ]);
  return [`Namespace ${namespace}`, ...legend, "", ...renderTable([["from \\ to", ...keys], ...rows], "  "), ""];
}

function betweenNamespaces(model: NetworkModel, byNamespace: ReadonlyMap<string, readonly Endpoint[]>): string[] {
  const lines: string[] = [];
  for (const [sourceNamespace, sources] of byNamespace) {
    for (const [destinationNamespace, destinations] of byNamespace) {
      if (sourceNamespace === destinationNamespace) continue;
      const cells = sources.flatMap((source) =>
        destinations.map((destination) => ({ source, destination, ports: formatPortSet(allowedTraffic(model, source, destination)) })),
      );
      if (cells.every((cell) => cell.ports === "all")) {
        lines.push(`  ${sourceNamespace} → ${destinationNamespace}: all workloads, all ports`);
        continue;
      }
      for (const cell of cells) {
        if (cell.ports !== "-") lines.push(`  ${cell.source.label} → ${cell.destination.label}: ${cell.ports}`);
      }
    }
  }
  if (lines.length === 0) lines.push("  nothing is allowed");
  lines.unshift("Between namespaces");
  lines.push("");
  return lines;
}

export function reachabilityMatrix(context: CheckContext): string {
  const model = buildNetworkModel(context.objects);
  if (model.endpoints.length === 0) return "Reachability: no workloads (pod templates) in the input.\n";
  const byNamespace = new Map<string, Endpoint[]>();
  const sorted = [...model.endpoints].sort((left, right) => compareText(left.namespace, right.namespace) || compareText(left.label, right.label));
  for (const endpoint of sorted) {
    const list = byNamespace.get(endpoint.namespace) ?? [];
    list.push(endpoint);
    byNamespace.set(endpoint.namespace, list);
  }
  // Sections are joined, not spread into one array: a large input has more lines than a call takes arguments.
  const sections = [[...LEGEND, ""], ...[...byNamespace].map(([namespace, endpoints]) => namespaceSection(model, namespace, endpoints))];
  if (byNamespace.size > 1) sections.push(betweenNamespaces(model, byNamespace));
  return `${sections.map((lines) => lines.join("\n")).join("\n").trimEnd()}\n`;
}
