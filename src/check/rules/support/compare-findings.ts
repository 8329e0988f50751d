/** Deterministic order of findings: file, line, object, message. */
import type { Finding } from "../../finding.js";

export function compareFindings(left: Finding, right: Finding): number {
  return (
    compareText(left.file, right.file) ||
    (left.line ?? 0) - (right.line ?? 0) ||
    compareText(left.object ?? "", right.object ?? "") ||
    compareText(left.message, right.message)
  );
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
