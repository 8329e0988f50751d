/** Builds findings for one rule: the rule's id, severity and default fix, the object's place. */
import { describeObject, type Finding, type Severity, type SourceObject } from "../../finding.js";

export type Report = (object: SourceObject, message: string, fix?: string) => void;

export interface Reporter {
  readonly report: Report;
  readonly findings: Finding[];
}

export function createReporter(ruleId: string, severity: Severity, remediation: string): Reporter {
  const findings: Finding[] = [];
  const report: Report = (object, message, fix) => {
    findings.push({
      ruleId,
      severity,
      file: object.file,
      line: object.line,
      object: describeObject(object),
      message,
      fix: fix ?? remediation,
    });
  };
  return { report, findings };
}
