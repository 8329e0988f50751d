/** Builds findings for one rule: the rule's id, severity and default fix, the object's place (or its field's). */
import { describeObject, type Finding, type Severity, type SourceObject } from "../../finding.js";
import { fieldLine, type FieldPath } from "../../load/locate-field.js";
import type { CheckContext } from "../../rule.js";

/**
 * `at`: the field the finding is about (or the container it concerns), as keys and list
 * indexes from the object's root; the finding then points at its line, or at the deepest
 * part of the path the object has (a missing `resources` points at its container).
 */
export type Report = (object: SourceObject, message: string, fix?: string, at?: FieldPath) => void;

export interface Reporter {
  readonly report: Report;
  readonly findings: Finding[];
}

export function createReporter(ruleId: string, severity: Severity, remediation: string, context?: Pick<CheckContext, "fieldLine">): Reporter {
  const findings: Finding[] = [];
  const locate = context?.fieldLine ?? ((object: SourceObject, path: FieldPath) => fieldLine(object.document, path));
  const report: Report = (object, message, fix, at) => {
    findings.push({
      ruleId,
      severity,
      file: object.file,
      line: (at === undefined ? undefined : locate(object, at)) ?? object.line,
      object: describeObject(object),
      message,
      fix: fix ?? remediation,
    });
  };
  return { report, findings };
}
