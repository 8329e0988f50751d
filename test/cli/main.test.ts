import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { main } from "../../src/cli/main.js";
import { packageVersion } from "../../src/cli/package-version.js";
import type { CommandIO } from "../../src/cli/command.js";

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
