/** JSON for programs: the whole result, keys in a fixed order, one document per run. */
import type { CheckResult } from "../check.js";
import type { Output, Sink } from "./output.js";

export class JsonOutput implements Output {
  private readonly results: CheckResult[] = [];

  constructor(private readonly sink: Sink) {}

  write(result: CheckResult): void {
    this.results.push(result);
  }

  flush(): void {
    for (const result of this.results) this.sink(JSON.stringify(toJson(result), null, 2) + "\n");
    this.results.length = 0;
  }
}

export function toJson(result: CheckResult): Record<string, unknown> {
  return {
    kubernetesVersion: result.kubernetesVersion,
    failOn: result.failOn,
    failed: result.failed,
    stats: result.stats,
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      file: finding.file,
      ...(finding.line !== undefined ? { line: finding.line } : {}),
      ...(finding.object !== undefined ? { object: finding.object } : {}),
      message: finding.message,
      fix: finding.fix,
    })),
    ...(result.reports.length > 0 ? { reports: result.reports } : {}),
  };
}
