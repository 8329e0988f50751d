import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import nodeModule from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enableCompileCache, main } from "../../src/cli/main.js";
import { parseCalendarDate } from "../../src/cli/parse-options.js";
import { runCli } from "../support/cli.js";
import { packageVersion } from "../../src/cli/package-version.js";
import type { CommandIO } from "../../src/cli/command.js";
import { packagesLoaded } from "../support/packages-loaded.js";

function capture(): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd: process.cwd(), readStdin: async () => "" }, out, err };
}

describe("slipway (the entry point)", () => {
  it("GIVEN help WHEN run THEN every command is listed with its summary and it exits 0", async () => {
    const { io, out } = capture();
    expect(await main(["help"], io)).toBe(0);
    const text = out.join("");
    for (const command of ["synth", "render", "check", "cost", "report", "bootstrap", "up", "status", "down", "kubeconfig"]) expect(text).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
  });

  it("GIVEN --version WHEN run THEN the version in package.json and exit 0", async () => {
    const { io, out } = capture();
    expect(await main(["--version"], io)).toBe(0);
    expect(out.join("")).toBe(`slipway ${packageVersion()}\n`);
    expect(packageVersion()).toBe((JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version);
  });

  it("GIVEN no command WHEN run THEN it prints the help and exits 2", async () => {
    const { io, out } = capture();
    expect(await main([], io)).toBe(2);
    expect(out.join("")).toContain("usage: slipway <command> [options]");
  });

  it("GIVEN an unknown command WHEN run THEN the error names the commands and it exits 2", async () => {
    const { io, err } = capture();
    expect(await main(["deploy"], io)).toBe(2);
    expect(err.join("")).toBe('error USAGE: unknown command "deploy"\n  fix: run one of: synth, render, check, cost, report, bootstrap, up, simulate, status, down, kubeconfig (slipway help)\n');
  });
});

describe("slipway <command> with an option given an empty value", () => {
  it.each([
    [["synth", "--out", ""], "out"],
    [["synth", "--config=", "--out", "o"], "config"],
    [["check", "--charts", ""], "charts"],
  ])("GIVEN slipway %j WHEN run THEN it is a usage error naming --%s, and nothing is written to the current folder", async (argv, name) => {
    const { io, err } = capture();
    expect(await main(argv, io)).toBe(2);
    expect(err.join("")).toMatch(new RegExp(`^error USAGE: option --${name} was given an empty value\n  fix: give --${name} a value \\(an unset shell variable expands to nothing\\); usage: `));
  });
});

describe("slipway <command> with options that are wrong", () => {
  // Every command checks its options before it loads the spec, zod, yaml, the CDK or the
  // local control plane: a usage error comes back at once (about 0.3 s, against 1.2-2 s
  // when `simulate` loaded the local control plane first).
  it.each([
    "synth --bogus",
    "render --bogus",
    "check --bogus",
    "cost --output xml",
    "report",
    "bootstrap --bogus",
    "up",
    "simulate --pattern spike",
    "simulate --out o --pattern weekly",
    "simulate rollout",
    "status --bogus",
    "down --bogus",
    "kubeconfig --bogus",
  ])("GIVEN slipway %s WHEN run THEN it is a usage error and no npm package was loaded", async (line) => {
    const { run, packages } = await packagesLoaded(line.split(" "));
    expect(run.stderr).toMatch(/^error USAGE: /);
    expect(run.status).toBe(2);
    expect(packages).toEqual([]);
  });

  it("GIVEN the help WHEN read THEN the usage-error table above names every command", async () => {
    const { io, out } = capture();
    await main(["help"], io);
    const listed = [...out.join("").matchAll(/^  ([a-z]+) {2,}/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(["bootstrap", "check", "cost", "down", "kubeconfig", "render", "report", "simulate", "status", "synth", "up"]);
  });
});

const compileCacheApi = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function";

describe(`slipway's on-disk compile cache (Node ${process.versions.node}: ${compileCacheApi ? "has" : "lacks"} module.enableCompileCache)`, () => {
  it.skipIf(compileCacheApi)("GIVEN a Node without the API (Node 20) WHEN enabled THEN nothing happens and the environment is left alone", () => {
    const environment: NodeJS.ProcessEnv = {};
    expect(enableCompileCache(environment)).toBeUndefined();
    expect(environment).toEqual({});
  });

  it.runIf(compileCacheApi)("GIVEN Node 22.1+ WHEN a command runs THEN V8's code lands in Slipway's cache folder (not the shared TMPDIR), and NODE_DISABLE_COMPILE_CACHE=1 keeps it off", async () => {
    const run = async (environment: NodeJS.ProcessEnv) => {
      const home = mkdtempSync(join(tmpdir(), "slipway-compile-cache-"));
      const { NODE_COMPILE_CACHE: _ignored, ...inherited } = process.env;
      await runCli(["check", mkdtempSync(join(home, "empty-"))], home, { ...inherited, XDG_CACHE_HOME: join(home, "cache"), TMPDIR: join(home, "tmp"), ...environment }, { onlyEnv: true });
      const files = (folder: string) => (existsSync(folder) ? readdirSync(folder, { recursive: true }).length : 0);
      return { slipway: files(join(home, "cache", "slipway", "node-compile-cache")), temporary: files(join(home, "tmp")) };
    };
    const enabled = await run({});
    expect(enabled.slipway).toBeGreaterThan(10);
    expect(enabled.temporary).toBe(0);
    expect(await run({ NODE_DISABLE_COMPILE_CACHE: "1" })).toEqual({ slipway: 0, temporary: 0 });
  }, 60_000);
});

describe("file options that name a FIFO (hostile inputs, round 5): an error naming the option's file, not a wait for a writer that never comes", () => {
  it.each([
    [["cost", "--load", "pipe.json"], 1, "error INPUT_UNREADABLE: simulation file", "is a named pipe (FIFO), not a file"],
    [["report", "--simulation", "pipe.json", "--out", "report"], 1, "error INPUT_UNREADABLE: simulation file", "is a named pipe (FIFO), not a file"],
    [["simulate", "--load", "pipe.json", "--out", "simulation"], 1, "error INPUT_UNREADABLE: load file", "is a named pipe (FIFO), not a file"],
    [["check", "--rules-config", "pipe.json", "."], 2, "error USAGE: the rules config", "is a named pipe (FIFO), not a file"],
    [["check", "--crds", "pipe.json", "."], 1, "error INPUT_UNREADABLE: --crds pipe.json", "is a named pipe (FIFO), not a file or folder"],
    [["synth", "--config", "pipe.json", "--out", "out"], 1, "error SPEC_UNREADABLE: spec file", "pipe.json is a named pipe (FIFO), not a file"],
  ])("GIVEN slipway %j WHEN it runs THEN it exits %i at once", async (args, status, start, end) => {
    const cwd = mkdtempSync(join(tmpdir(), "slipway-fifo-"));
    execFileSync("mkfifo", [join(cwd, "pipe.json")]);
    const result = await runCli(args, cwd);
    expect(result.status).toBe(status);
    expect(result.stderr.startsWith(start)).toBe(true);
    expect(result.stderr.split("\n")[0]?.endsWith(end)).toBe(true);
  });
});

describe("parseCalendarDate", () => {
  it.each([
    ["2028-02-29", true],
    ["2026-12-01", true],
    ["0001-01-01", true],
    ["2026-02-30", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-1-01", false],
    ["20260101", false],
  ])("GIVEN %s WHEN parsed THEN it is a calendar day: %s", (value, valid) => {
    const parse = () => parseCalendarDate("as-of", value, "slipway cost");
    if (valid) expect(parse()).toBe(value);
    else expect(parse).toThrow(`--as-of must be a date YYYY-MM-DD, not "${value}"`);
  });
});
