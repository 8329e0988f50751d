/** Runs the built CLI (`dist/cli/main.js`) as users do, in a child process. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

export const CLI = join(REPO_ROOT, "dist", "cli", "main.js");

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** The child's whole environment, instead of this process's with `env` over it. */
  readonly onlyEnv?: boolean;
  /** A command the CLI runs under, e.g. `unshare -rn` for no network. */
  readonly wrapper?: readonly string[];
}

/** Asynchronous on purpose: a long synchronous child blocks the test worker and starves vitest's RPC. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, options: RunOptions = {}): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` (npm test does)");
  return new Promise((resolvePromise) => {
    const [executable, ...prefix] = [...(options.wrapper ?? []), process.execPath];
    const child = spawn(executable!, [...prefix, CLI, ...args], { cwd, env: options.onlyEnv ? env : { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}
