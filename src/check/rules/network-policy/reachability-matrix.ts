/**
 * The readable answer to "who may reach whom": a text table with one row per source
 * workload and one column per destination (plus CoreDNS), each cell the ports allowed.
 * The CLI prints it with `check --show-reachability`.
 */
import type { CheckContext } from "../../rule.js";
import { allowedTraffic, buildNetworkModel, KUBE_DNS, type Endpoint } from "./reachability.js";
import { formatPortSet } from "./port-set.js";

function compareEndpoints(left: Endpoint, right: Endpoint): number {
  return left.label < right.label ? -1 : left.label > right.label ? 1 : 0;
}

function renderTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join("  ").trimEnd());
}

export function reachabilityMatrix(context: CheckContext): string {
  const model = buildNetworkModel(context.objects);
  const sources = [...model.endpoints].sort(compareEndpoints);
  if (sources.length === 0) return "Reachability: no workloads (pod templates) in the input.\n";
  const destinations = [...sources, KUBE_DNS];
  const keys = destinations.map((_, index) => (index < sources.length ? String(index + 1) : "dns"));
  const lines = [
    "Reachability under the NetworkPolicies of the input.",
    "Rows are sources, columns destinations; a cell lists the ports the source may open on the",
    'destination\'s pods ("all": every port and protocol, "-": none, "TCP/*": every TCP port).',
    "",
    ...renderTable(destinations.map((endpoint, index) => [keys[index] ?? "", endpoint.label])),
    "",
  ];
  const header = ["from \\ to", ...keys];
  const rows = sources.map((source, index) => [
    String(index + 1),
    ...destinations.map((destination) => formatPortSet(allowedTraffic(model, source, destination))),
  ]);
  lines.push(...renderTable([header, ...rows]));
  return `${lines.join("\n")}\n`;
}
