/**
 * The cost estimate as `slipway cost` prints it: a text table (components, monthly USD,
 * range, then each component's lines, idle capacity, price sources and assumptions) or
 * JSON (the CostEstimate itself). Both are deterministic: same estimate, same bytes.
 */
import type { CostEstimate } from "./cost-estimate.js";

export type CostOutputFormat = "text" | "json";

const amount = (value: number) => value.toFixed(2);

export function formatCost(estimate: CostEstimate, format: CostOutputFormat): string {
  return format === "json" ? JSON.stringify(estimate, null, 2) + "\n" : costText(estimate);
}

export function costText(estimate: CostEstimate): string {
  const rows = estimate.components.map((component) => [
    component.title,
    amount(component.monthlyUsd),
    component.range === undefined ? "" : `${amount(component.range.lowUsd)} – ${amount(component.range.highUsd)}`,
  ]);
  rows.push(["total", amount(estimate.totalMonthlyUsd), `${amount(estimate.totalRange.lowUsd)} – ${amount(estimate.totalRange.highUsd)}`]);
  const header = ["component", "monthly USD", "range USD"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!}`.trimEnd();
  const out = [`Monthly cost estimate in ${estimate.region} (basis: ${estimate.basis}; USD, list prices)`, "", line(header)];
  rows.forEach((row, index) => {
    if (index === rows.length - 1) out.push("-".repeat(widths[0]! + widths[1]! + 4 + widths[2]!));
    out.push(line(row));
  });
  const lineWidth = Math.max(...estimate.components.flatMap((component) => component.lines.map((entry) => amount(entry.monthlyUsd).length)));
  out.push("", "Details");
  for (const component of estimate.components) {
    out.push(`  ${component.title}`);
    for (const entry of component.lines) {
      const idle = entry.idleMonthlyUsd === undefined ? "" : ` (idle ${amount(entry.idleMonthlyUsd)})`;
      out.push(`    ${amount(entry.monthlyUsd).padStart(lineWidth)}  ${entry.description}${idle}`);
    }
  }
  out.push("", "Idle capacity (included above)");
  if (estimate.idle.length === 0) out.push("  none found");
  for (const idle of estimate.idle) out.push(`  ${amount(idle.monthlyUsd)}  ${idle.what}: ${idle.why}`);
  out.push("", "Price sources");
  for (const source of estimate.priceSources) out.push(`  - ${source.table}, ${source.date}: ${source.source}`);
  out.push("", "Assumptions");
  for (const assumption of estimate.assumptions) out.push(`  - ${assumption}`);
  return out.join("\n") + "\n";
}
