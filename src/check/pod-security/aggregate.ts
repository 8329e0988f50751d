/**
 * How results combine into the one message the API server prints (upstream
 * `AggregateCheckResults`): reasons joined by ", ", each detail in parentheses after its
 * reason — `hostPort (container "api" uses hostPort 8080), privileged (...)`.
 */
import type { PodCheckResult } from "./check.js";

/** Placeholder for a check that forbids without saying why (a bug in the check). */
export const UNKNOWN_FORBIDDEN_REASON = "unknown forbidden reason";

export interface AggregateCheckResult {
  readonly allowed: boolean;
  readonly forbiddenReasons: readonly string[];
  /** Same length as `forbiddenReasons`; may hold empty strings. */
  readonly forbiddenDetails: readonly string[];
}

export function aggregateCheckResults(results: readonly PodCheckResult[]): AggregateCheckResult {
  const forbiddenReasons: string[] = [];
  const forbiddenDetails: string[] = [];
  for (const result of results) {
    if (result.allowed) continue;
    forbiddenReasons.push(result.forbiddenReason || UNKNOWN_FORBIDDEN_REASON);
    forbiddenDetails.push(result.forbiddenDetail ?? "");
  }
  return { allowed: forbiddenReasons.length === 0, forbiddenReasons, forbiddenDetails };
}

/** `reason (detail)` for one result, or the reason alone when it has no detail. */
export function formatReasonAndDetail(reason: string, detail: string): string {
  return detail === "" ? reason : `${reason} (${detail})`;
}

/** The aggregate message: every forbidden reason with its detail, comma separated. */
export function aggregateForbiddenDetail(aggregate: AggregateCheckResult): string {
  return aggregate.forbiddenReasons
    .map((reason, index) => formatReasonAndDetail(reason, aggregate.forbiddenDetails[index] ?? ""))
    .join(", ");
}
