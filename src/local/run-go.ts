/**
 * Runs the `go` command for the local control plane's builds (the host build in
 * binaries.ts, the cross builds and package listings in cross-compile.ts), so every one
 * of them runs at low priority and fails the same way: a missing Go is TOOL_UNAVAILABLE,
 * a failed command is LOCAL_CLUSTER quoting Go's output (multi-line errors as Go printed
 * them) with the command to run again, its environment (GOOS, GOBIN…) included, since
 * without it the command would build something else.
 */
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { SlipwayError } from "../errors.js";

/** Build processes run at low priority: the machine stays usable during a cold build. */
const BUILD_NICENESS = 10;

/** Lines of Go's output a failure quotes: its errors come last, after progress lines. */
const QUOTED_LINES = 20;

export interface GoCommand {
  /** Arguments of `go`, e.g. ["build", "-o", "out", "./cmd"]. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** What the command is for, as failures name it: "building {label} failed". */
  readonly label: string;
  /** Variables set on top of the process environment; the command a failure suggests sets them too. @default none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The problems a failure lists, for commands that explain a failure elsewhere than in
   * their plain output (`go mod download -json` puts it in the JSON's `Error`).
   * @default the last lines of the output, stdout and stderr as Go printed them
   */
  readonly failureProblems?: (output: GoOutput) => readonly string[];
}

export interface GoOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `go` and resolves with its output; rejects with a SlipwayError when Go is missing or the command fails. */
export function runGo(command: GoCommand): Promise<GoOutput> {
  const overrides = Object.entries(command.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new Promise((resolvePromise, reject) => {
    const child = spawn("go", command.args, { cwd: command.cwd, env: { ...process.env, ...Object.fromEntries(overrides) }, stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, BUILD_NICENESS);
      } catch {
        // Lowering priority is a courtesy; a platform that refuses it still builds.
      }
    }
    let stdout = "";
    let stderr = "";
    // Both streams in the order Go wrote them, for the lines a failure quotes.
    let printed = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      printed += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      printed += chunk.toString();
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new SlipwayError("TOOL_UNAVAILABLE", "the Go toolchain (`go`) is not on the PATH; it builds the local control plane", {
              fix: "install Go 1.25 or newer (https://go.dev/dl) and run the command again",
              cause: error,
            })
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) return resolvePromise({ stdout, stderr });
      const quoted = (command.failureProblems?.({ stdout, stderr }) ?? printed.trim().split("\n").slice(-QUOTED_LINES)).filter((line) => line.trim() !== "");
      const problems = quoted.length > 0 ? quoted : [`go ${subcommand(command.args)} exited with ${code} and printed nothing`];
      const shown = [...overrides.map(([name, value]) => `${name}=${shellWord(value)}`), "go", ...command.args.map(shellWord)].join(" ");
      reject(
        new SlipwayError("LOCAL_CLUSTER", `building ${command.label} failed (go ${subcommand(command.args)} exited with ${code})`, {
          where: command.cwd,
          problems,
          fix: `run \`cd ${shellWord(command.cwd)} && ${shown}\` to see the whole error`,
        }),
      );
    });
  });
}

/** The go command's subcommand: `build`, `list`, or a group's (`mod download`). */
function subcommand(args: readonly string[]): string {
  return (args[0] === "mod" || args[0] === "work" ? args.slice(0, 2) : args.slice(0, 1)).join(" ");
}

/** A word as a POSIX shell reads it back: quoted only when it has to be (linker flags have spaces). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
