import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isRunning, startProcess, stopProcess, type RunningProcess } from "../../src/local/process-supervisor.js";

const directory = mkdtempSync(join(tmpdir(), "slipway-supervisor-"));
const script = join(directory, "idle.mjs");
writeFileSync(script, "setInterval(() => {}, 1000);\n");
const started: RunningProcess[] = [];

afterAll(async () => {
  for (const process_ of started) await stopProcess(process_);
});

describe.skipIf(process.platform !== "linux")("a Node.js component known by its script (Linux /proc command lines)", () => {
  it("GIVEN a script started as an interpreted process WHEN checked THEN it runs; the same pid recorded with another script or binary is not ours; stopped, it is gone", async () => {
    const running = startProcess({ name: "idle", binary: process.execPath, args: [script, "extra"], logFile: join(directory, "idle.log"), interpreted: true });
    started.push(running);
    expect(running.script).toBe(script);
    expect(isRunning(running)).toBe(true);
    expect(isRunning({ ...running, script: join(directory, "other.mjs") })).toBe(false);
    expect(isRunning({ ...running, binary: "/usr/bin/other" })).toBe(false);
    // A state file written before scripts were recorded still finds it by its binary.
    expect(isRunning({ name: running.name, pid: running.pid, binary: running.binary })).toBe(true);
    await stopProcess(running);
    expect(isRunning(running)).toBe(false);
  });

  it("GIVEN a binary started without interpreted WHEN recorded THEN no script is part of its identity", async () => {
    const running = startProcess({ name: "sleep", binary: "/bin/sleep", args: ["30"], logFile: join(directory, "sleep.log") });
    started.push(running);
    expect(running.script).toBeUndefined();
    expect(isRunning(running)).toBe(true);
    await stopProcess(running);
    expect(isRunning(running)).toBe(false);
  });
});
