/**
 * Starts and stops the local control plane's processes. They are detached (own process
 * group, output to a log file) so the cluster outlives the `slipway up` that started it;
 * `slipway down` finds them again by the pids in the state file.
 *
 * A pid alone could name an unrelated process after a reboot, so where the platform shows
 * command lines (/proc on Linux) a process only counts as ours if it runs our binary, and
 * for one Node.js runs (the repository proxy), our script.
 */
import { spawn } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface ProcessSpec {
  readonly name: string;
  readonly binary: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The binary is an interpreter (Node.js) and the first argument the script it runs: the script is part of the process's identity. */
  readonly interpreted?: boolean;
}

export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  readonly binary: string;
  /** For an interpreted process, its script: any other Node.js process at that pid is not ours. */
  readonly script?: string;
}

export function startProcess(spec: ProcessSpec): RunningProcess {
  const log = openSync(spec.logFile, "a");
  try {
    const child = spawn(spec.binary, [...spec.args], {
      detached: true,
      stdio: ["ignore", log, log],
      env: { ...process.env, ...spec.env },
    });
    if (child.pid === undefined) throw new Error(`${spec.name} did not start (${spec.binary})`);
    child.unref();
    return { name: spec.name, pid: child.pid, binary: spec.binary, ...(spec.interpreted === true && spec.args[0] !== undefined ? { script: spec.args[0] } : {}) };
  } finally {
    closeSync(log);
  }
}

export function isRunning(process_: RunningProcess): boolean {
  try {
    process.kill(process_.pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${process_.pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  try {
    const argv = readFileSync(cmdline, "utf8").split("\0");
    return argv[0] === process_.binary && (process_.script === undefined || argv[1] === process_.script);
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(process_: RunningProcess, graceMs = 5000): Promise<void> {
  if (!isRunning(process_)) return;
  signal(process_.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(process_)) return;
    await sleep(50);
  }
  signal(process_.pid, "SIGKILL");
  while (isRunning(process_)) await sleep(50);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone between the check and the signal.
  }
}
