/**
 * Text for people: findings grouped by file, in line order, each with its fix, then one
 * summary line. Reports asked for (the reachability matrix) come after the findings.
 */
import type { CheckResult } from "../check.js";
import type { Finding } from "../finding.js";
import type { Output, Sink } from "./output.js";

export class TextOutput implements Output {
  private readonly results: CheckResult[] = [];

  constructor(private readonly sink: Sink) {}

  write(result: CheckResult): void {
    this.results.push(result);
  }

  flush(): void {
    for (const result of this.results) this.sink(renderText(result));
    this.results.length = 0;
  }
}

export function renderText(result: CheckResult): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const finding of result.findings) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) lines.push("");
      lines.push(finding.file);
      currentFile = finding.file;
    }
    lines.push(renderFinding(finding));
    lines.push(`      fix: ${finding.fix}`);
  }
  if (result.findings.length > 0) lines.push("");
  for (const report of result.reports) {
    lines.push(`${report.ruleId}:`, report.text.trimEnd(), "");
  }
  lines.push(summaryLine(result));
  return lines.join("\n") + "\n";
}

function renderFinding(finding: Finding): string {
  const line = finding.line === undefined ? "-" : String(finding.line);
  const object = finding.object ? `${finding.object}: ` : "";
  return `  ${line.padStart(5)}  ${finding.severity.padEnd(7)} ${finding.ruleId}  ${object}${finding.message}`;
}

export function summaryLine(result: CheckResult): string {
  const { stats } = result;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const counts = `${plural(stats.errors, "error")}, ${plural(stats.warnings, "warning")}, ${stats.infos} info${stats.suppressed > 0 ? `, ${stats.suppressed} suppressed` : ""}`;
  const scope = `${plural(stats.objects, "object")} in ${plural(stats.files, "file")}, Kubernetes ${result.kubernetesVersion}`;
  const verdict = result.failed ? `failed (--fail-on ${result.failOn})` : "passed";
  return `${verdict}: ${counts} (${scope})`;
}
