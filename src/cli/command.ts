/**
 * The contract of a CLI command: parse its own options, call the library, render the
 * result and return an exit code. Commands are loaded only when run.
 */
export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Standard input, read lazily (for `slipway check -`). */
  readonly readStdin: () => Promise<string>;
}

export interface Command {
  readonly usage: string;
  run(argv: readonly string[], io: CommandIO): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
