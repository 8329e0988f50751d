/**
 * How long the inner loop takes: `npm run test:unit` (the build included) as a developer
 * runs it, and vitest's own split of that time.
 *
 *   npx tsx bench/test-unit.ts [--runs N]      (default 1)
 *
 * Prints, per run, the wall time and the CPU time (user and system) of the whole process
 * tree, and vitest's summary line (collect is the time spent importing test files and
 * their modules; tests, the time in the tests; both summed over the workers). Run it on a
 * quiet machine: the run is CPU-bound on two cores, so other work shows up one for one.
 * Figures and what they mean: docs/development.md.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const runsIndex = process.argv.indexOf("--runs");
const runs = runsIndex === -1 ? 1 : Number(process.argv[runsIndex + 1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of at least 1");

interface Run {
  readonly wallSeconds: number;
  readonly userSeconds: number;
  readonly systemSeconds: number;
  readonly summary: string;
  readonly counts: string;
}

/** `bash`'s `time` gives the CPU of every process the command starts, on Linux and macOS alike. */
function runOnce(): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", ["-c", "TIMEFORMAT='time %R %U %S'; time npm run test:unit"], { cwd: repoRoot, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("close", (status) => {
      const time = /^time ([\d.]+) ([\d.]+) ([\d.]+)$/m.exec(output);
      if (status !== 0 || time === null) {
        reject(new Error(`npm run test:unit exited with ${status}:\n${output.slice(-4000)}`));
        return;
      }
      resolvePromise({
        wallSeconds: Number(time[1]),
        userSeconds: Number(time[2]),
        systemSeconds: Number(time[3]),
        summary: /Duration\s+(.*)$/m.exec(output)?.[1]?.trim() ?? "(no vitest summary)",
        counts: [/Test Files\s+(.*)$/m.exec(output)?.[1]?.trim(), /Tests\s+(\d.*)$/m.exec(output)?.[1]?.trim()].filter(Boolean).join("; "),
      });
    });
    child.on("error", reject);
  });
}

for (let index = 1; index <= runs; index++) {
  const run = await runOnce();
  process.stdout.write(
    `run ${index}: ${run.wallSeconds.toFixed(1)} s wall, ${run.userSeconds.toFixed(0)} s user + ${run.systemSeconds.toFixed(0)} s system CPU\n` +
      `  files: ${run.counts}\n  vitest: ${run.summary}\n`,
  );
}
