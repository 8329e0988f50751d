/**
 * SARIF 2.1.0 for code scanning (GitHub and others): one run, the tool's rules with their
 * documentation, and one result per finding located at its file and line. Only rules
 * that have results are listed, so the log stays small; `ruleIndex` points into that list.
 * Suppressed findings are results with `suppressions` (kind, accepted, the reason).
 */
import { KUBERNETES } from "../../versions.js";
import type { CheckResult } from "../check.js";
import type { Finding, Severity } from "../finding.js";
import type { RuleDescriptor } from "../engine-rules.js";
import type { Output, Sink } from "./output.js";

const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const LEVEL: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "note" };
const TOOL_VERSION = "0.1.0";

export class SarifOutput implements Output {
  private readonly results: CheckResult[] = [];

  constructor(private readonly sink: Sink) {}

  write(result: CheckResult): void {
    this.results.push(result);
  }

  flush(): void {
    for (const result of this.results) this.sink(JSON.stringify(toSarif(result), null, 2) + "\n");
    this.results.length = 0;
  }
}

export function toSarif(result: CheckResult): Record<string, unknown> {
  const ruleIds = [...new Set([...result.findings, ...result.suppressed].map((finding) => finding.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "slipway",
            version: TOOL_VERSION,
            rules: ruleIds.map((id) => sarifRule(id, result.rules.find((rule) => rule.id === id))),
          },
        },
        properties: { kubernetesVersion: result.kubernetesVersion, defaultKubernetesVersion: KUBERNETES.newestCheckerVersion },
        results: [
          ...result.findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0)),
          // Suppressed results stay in the log, marked, so code scanning shows them as dismissed with the reason.
          ...result.suppressed.map((finding) => ({
            ...sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0),
            suppressions: [{ kind: finding.suppression.kind, status: "accepted", justification: finding.suppression.reason, properties: { where: finding.suppression.where } }],
          })),
        ],
      },
    ],
  };
}

function sarifRule(id: string, rule: RuleDescriptor | undefined): Record<string, unknown> {
  if (rule === undefined) return { id, shortDescription: { text: id } };
  return {
    id,
    name: id.replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    // Rule documentation travels in the log itself (docs/rules.md has the same text): no URL to go stale.
    help: { text: rule.remediation, markdown: `**${rule.id}** (${rule.category}): ${rule.description}\n\nFix: ${rule.remediation}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { category: rule.category },
  };
}

function sarifResult(finding: Finding, index: number): Record<string, unknown> {
  const subject = finding.object ? `${finding.object}: ` : "";
  return {
    ruleId: finding.ruleId,
    ruleIndex: index,
    level: LEVEL[finding.severity],
    message: { text: `${subject}${finding.message}. Fix: ${finding.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(finding.file) },
          ...(finding.line !== undefined ? { region: { startLine: finding.line } } : {}),
        },
        ...(finding.object ? { logicalLocations: [{ name: finding.object, kind: "object" }] } : {}),
      },
    ],
  };
}

/** Relative, `/`-separated, percent-encoded: what SARIF viewers resolve against the repository. */
function artifactUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}
