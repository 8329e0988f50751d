/**
 * The report as one HTML document: inline CSS and inline SVG only, no script, no font, no
 * image, nothing fetched, so it opens offline from a file. A Content-Security-Policy of
 * `default-src 'none'` says so to the browser too: even markup that escaped escaping could
 * not load or run anything. No timestamp: the same inputs give the same bytes.
 */
import type { CostEstimate } from "../cost/cost-estimate.js";
import type { SimulationResult } from "../simulate/simulation-result.js";
import { addonVersionsSection, type AddonVersion } from "./addon-versions.js";
import type { Architecture } from "./architecture.js";
import { architectureDiagram } from "./architecture-diagram.js";
import { costSection, type CostUnavailable } from "./cost-section.js";
import { findingsSection, type ReportFindings } from "./findings-section.js";
import { html, Markup } from "./markup.js";
import { simulationSection } from "./simulation-section.js";

export interface ReportContent {
  /** Where the spec came from, as the user named it; "the reference platform" without one. */
  readonly specSource: string;
  readonly slipwayVersion: string;
  readonly architecture: Architecture;
  readonly addons: readonly AddonVersion[];
  readonly findings: ReportFindings;
  /** The estimate, or why there is none (prices unknown for the region): the rest of the page still helps. */
  readonly cost: CostEstimate | CostUnavailable;
  readonly simulation?: { readonly result: SimulationResult; readonly source: string };
}

export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = new Markup(`
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6478; --line: #d7dce5; --error: #b42318; --warning: #b54708; --info: #175cd3; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f7f9; }
header { background: #1d2433; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #c9cfdb; }
nav { display: flex; gap: 16px; padding: 8px 24px; background: #fff; border-bottom: 1px solid var(--line); }
nav a { color: var(--info); text-decoration: none; }
main { max-width: 1292px; margin: 0 auto; padding: 8px 24px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 20px 20px; margin: 16px 0; overflow-x: auto; }
h2 { font-size: 18px; margin: 8px 0 12px; }
h3 { font-size: 15px; margin: 16px 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
.findings td:nth-child(-n+2), .findings td:nth-child(2) code { white-space: nowrap; }
thead th { background: #eef1f6; }
td.money { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.cost-line td:first-child { padding-left: 24px; color: var(--muted); }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
code { font: 12.5px ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.note, .fix { color: var(--muted); font-size: 12.5px; }
.warning { color: var(--warning); font-weight: 600; }
.counts { display: flex; gap: 12px; list-style: none; padding: 0; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
.count-value { font-size: 20px; font-weight: 700; }
.count-error .count-value { color: var(--error); } .count-warning .count-value { color: var(--warning); } .count-info .count-value { color: var(--info); }
.badge { border-radius: 4px; padding: 1px 6px; color: #fff; font-size: 12px; }
.badge-error { background: var(--error); } .badge-warning { background: var(--warning); } .badge-info { background: var(--info); }
.total { font-size: 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
figure.plot { margin: 16px 0; }
/* Drawn for 1200 px (the diagram) and 1100 px (charts); narrower windows scale them down rather than cut them. */
svg.architecture, svg.chart { max-width: 100%; height: auto; }
svg text { fill: var(--ink); font-family: system-ui, "DejaVu Sans", sans-serif; }
svg .node rect { stroke-width: 1.2; }
svg .node-title { font-weight: 700; }
svg .node-aws rect, svg .node-vpc rect { fill: #f4f8ff; stroke: #8aa4d6; }
svg .node-public rect { fill: #e8f6ee; stroke: #4c9a6a; } svg .node-private rect { fill: #eef3fb; stroke: #6c8ebf; }
svg .node-alb rect { fill: #fff4e5; stroke: #d08a2c; } svg .node-eks rect { fill: #fff7e0; stroke: #c59a1c; }
svg .node-argocd rect { fill: #fdecea; stroke: #d0584a; } svg .node-nodes rect { fill: #eef1f6; stroke: #6b7891; }
svg .node-karpenter rect { fill: #e9f5f7; stroke: #3f8f9d; } svg .node-addons rect { fill: #f3eefb; stroke: #8467b5; }
svg .node-team rect { fill: #fff0f6; stroke: #c2548a; } svg .node-namespace rect { fill: #eef3fb; stroke: #6c8ebf; } svg .node-app rect { fill: #e8f6ee; stroke: #4c9a6a; }
svg .band-label { font-weight: 700; fill: var(--muted); } svg .zone-label { fill: var(--muted); }
svg .edge { fill: none; stroke: #8a94a8; stroke-width: 1.2; } svg .arrow-head { fill: #8a94a8; }
svg .grid { stroke: #e4e7ee; } svg .axis, svg .tick-mark { stroke: #5b6478; } svg .tick { fill: var(--muted); }
svg .chart-title { font-weight: 700; font-size: 14px; } svg .axis-title { fill: var(--muted); }
footer { color: var(--muted); text-align: center; font-size: 12px; padding: 16px; }
`);

export function reportPage(content: ReportContent): string {
  const { architecture } = content;
  const title = `Slipway report: ${architecture.clusterName} (${architecture.region})`;
  return `<!DOCTYPE html>\n${
    html`<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${new Markup(REPORT_CONTENT_SECURITY_POLICY)}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body><header><h1>${title}</h1><p>${content.specSource} · Kubernetes ${architecture.kubernetesVersion} · account ${architecture.account}</p></header><nav><a href="#architecture">Architecture</a><a href="#addons">Add-ons</a><a href="#findings">Findings</a><a href="#simulation">Simulation</a><a href="#cost">Cost</a></nav><main><section id="architecture"><h2>Architecture</h2>${architectureDiagram(architecture)}</section>${addonVersionsSection(content.addons, architecture.kubernetesVersion)}${findingsSection(content.findings)}${simulationSection(content.simulation?.result, content.simulation?.source, architecture.clusterName)}${costSection(content.cost)}</main><footer>Generated by Slipway ${content.slipwayVersion} from the spec; open offline, nothing is fetched.</footer></body></html>`.text
  }\n`;
}
