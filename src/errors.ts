/**
 * Every user-facing failure in Slipway is a SlipwayError: a stable code, what failed,
 * where (file and document, spec field path or construct path) and how to fix it.
 * The CLI prints these without a stack trace; anything else is a bug and keeps its stack.
 */
export type SlipwayErrorCode =
  | "SPEC_INVALID"
  | "SPEC_NOT_FOUND"
  | "SPEC_UNREADABLE"
  | "USAGE"
  | "OUTPUT_UNWRITABLE"
  | "TOOL_UNAVAILABLE"
  | "PACKAGE_BROKEN"
  | "KUSTOMIZATION_INVALID"
  | "INPUT_UNREADABLE"
  | "LOCAL_CLUSTER"
  | "INFRA_CHECK_FAILED"
  | "CHART_UNAVAILABLE"
  | "CHART_INVALID"
  | "CHART_VALUES_INVALID"
  | "CHART_RENDER_FAILED"
  | "PRICE_UNKNOWN"
  | "SIMULATION_INVALID"
  | "LOAD_INVALID";

export interface SlipwayErrorOptions {
  /** Where it failed: a file (and document), a spec field path or a construct path. */
  readonly where?: string;
  /** One sentence or a command that fixes it. */
  readonly fix?: string;
  /** Individual problems when several were found at once (e.g. every invalid spec field). */
  readonly problems?: readonly string[];
  readonly cause?: unknown;
}

export class SlipwayError extends Error {
  readonly code: SlipwayErrorCode;
  readonly where?: string;
  readonly fix?: string;
  readonly problems: readonly string[];

  constructor(code: SlipwayErrorCode, message: string, options: SlipwayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SlipwayError";
    this.code = code;
    this.where = options.where;
    this.fix = options.fix;
    this.problems = options.problems ?? [];
  }

  /** The text the CLI prints: no stack trace, every problem on its own line. */
  render(): string {
    const lines = [`error ${this.code}: ${this.message}`];
    if (this.where) lines.push(`  where: ${this.where}`);
    for (const problem of this.problems) lines.push(`  - ${problem}`);
    if (this.fix) lines.push(`  fix: ${this.fix}`);
    return lines.join("\n");
  }
}

export function isSlipwayError(error: unknown): error is SlipwayError {
  return error instanceof SlipwayError;
}
