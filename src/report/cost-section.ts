/**
 * The cost breakdown: one row per component with its lines, the total and its range,
 * what idle capacity costs, the price tables used (date and source) and the assumptions.
 * A line of no cost is a note (what the range's high end would be, why an estimate): it
 * shows a dash, not $0.00, so it does not read as something free.
 */
import type { CostEstimate } from "../cost/cost-estimate.js";
import { html, type Markup } from "./markup.js";

/** `$1,234.50`: fixed, locale-independent, so the page is the same on every machine. */
export function formatUsd(value: number): string {
  const cents = Math.round((Number.isFinite(value) ? value : 0) * 100);
  const sign = cents < 0 ? "-" : "";
  const whole = Math.floor(Math.abs(cents) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}$${whole}.${(Math.abs(cents) % 100).toString().padStart(2, "0")}`;
}

/** Why there is no estimate (a region or instance type without prices), and how to get one. */
export interface CostUnavailable {
  readonly unavailable: string;
  readonly fix?: string;
}

const range = (value: { readonly lowUsd: number; readonly highUsd: number }) => `${formatUsd(value.lowUsd)} – ${formatUsd(value.highUsd)}`;

export function costSection(estimate: CostEstimate | CostUnavailable): Markup {
  if ("unavailable" in estimate) {
    return html`<section id="cost"><h2>Cost estimate</h2><p class="warning">No estimate: ${estimate.unavailable}.</p>${estimate.fix !== undefined ? html`<p>${estimate.fix}</p>` : ""}</section>`;
  }
  const components = estimate.components.map(
    (component) =>
      html`<tr class="component"><th scope="row">${component.title}</th><td class="money">${formatUsd(component.monthlyUsd)}</td><td class="money">${component.range !== undefined ? range(component.range) : "—"}</td></tr>${component.lines.map(
        (line) => html`<tr class="cost-line"><td>${line.description}</td><td class="money">${line.monthlyUsd === 0 ? "—" : formatUsd(line.monthlyUsd)}</td><td class="money">${line.idleMonthlyUsd !== undefined ? html`idle ${formatUsd(line.idleMonthlyUsd)}` : ""}</td></tr>`,
      )}`,
  );
  const idle =
    estimate.idle.length === 0
      ? html`<p>No idle capacity found.</p>`
      : html`<table class="idle"><thead><tr><th>idle capacity</th><th>USD per month</th><th>why</th></tr></thead><tbody>${estimate.idle.map((item) => html`<tr><td>${item.what}</td><td class="money">${formatUsd(item.monthlyUsd)}</td><td>${item.why}</td></tr>`)}</tbody></table>`;
  return html`<section id="cost"><h2>Cost estimate</h2><p>Region ${estimate.region}; load from ${estimate.basis}.</p><p class="total">Total <strong>${formatUsd(estimate.totalMonthlyUsd)}</strong> per month (range ${range(estimate.totalRange)})</p><table class="cost"><thead><tr><th>component</th><th>USD per month</th><th>range / idle</th></tr></thead><tbody>${components}</tbody><tfoot><tr><th scope="row">total</th><td class="money">${formatUsd(estimate.totalMonthlyUsd)}</td><td class="money">${range(estimate.totalRange)}</td></tr></tfoot></table><h3>Idle capacity</h3>${idle}<h3>Price sources</h3><ul>${estimate.priceSources.map((source) => html`<li>${source.table} (${source.date}): ${source.source}</li>`)}</ul><h3>Assumptions</h3><ul>${estimate.assumptions.map((assumption) => html`<li>${assumption}</li>`)}</ul></section>`;
}
