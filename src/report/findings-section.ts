/**
 * The check findings of the synthesized GitOps repository: counts by severity and one
 * table row per finding (severity, rule, object, file and line, message and fix), in the
 * checker's own order.
 */
import type { Finding, Severity } from "../check/finding.js";
import { html, type Markup } from "./markup.js";

export interface ReportFindings {
  readonly kubernetesVersion: string;
  readonly argocd: string;
  readonly findings: readonly Finding[];
  readonly files: number;
  readonly objects: number;
  readonly suppressed: number;
  /** What was not checked and how to include it, e.g. the charts' rendered manifests. */
  readonly notes: readonly string[];
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export function findingsSection(result: ReportFindings): Markup {
  const count = (severity: Severity) => result.findings.filter((finding) => finding.severity === severity).length;
  const counts = SEVERITIES.map((severity) => html`<li class="count count-${severity}"><span class="count-value">${count(severity)}</span> ${severity}${count(severity) === 1 ? "" : "s"}</li>`);
  const table =
    result.findings.length === 0
      ? html`<p class="ok">No findings.</p>`
      : html`<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>object</th><th>file</th><th>message</th></tr></thead><tbody>${result.findings.map(
          (finding) =>
            html`<tr class="finding finding-${finding.severity}"><td><span class="badge badge-${finding.severity}">${finding.severity}</span></td><td><code>${finding.ruleId}</code></td><td>${finding.object ?? "—"}</td><td><code>${finding.file}${finding.line !== undefined ? `:${finding.line}` : ""}</code></td><td>${finding.message}<div class="fix">fix: ${finding.fix}</div></td></tr>`,
        )}</tbody></table>`;
  return html`<section id="findings"><h2>Check findings</h2><p><code>slipway check</code> of the synthesized GitOps repository: ${result.files} files, ${result.objects} objects, Kubernetes ${result.kubernetesVersion}, Argo CD ${result.argocd}${result.suppressed > 0 ? `, ${result.suppressed} suppressed` : ""}.</p><ul class="counts">${counts}</ul>${result.notes.map((note) => html`<p class="note">${note}</p>`)}${table}</section>`;
}
