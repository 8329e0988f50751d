/**
 * `slipway simulate` as users run it: every mistake in the options or the load file is
 * reported before any cluster starts (these runs start none). The simulation itself is
 * test/local/simulate.test.ts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const USAGE =
  "slipway simulate [--config FILE] [--load FILE | --pattern steady|daily|spike] [--speed N] [--duration D] [--sample-every D] --out DIR [--crds DIR]... [--charts DIR|URL] [--apply server-side-apply|argocd] [--keep]";

describe("slipway simulate", () => {
  it.each([
    ["no --out", ["--pattern", "spike"], "error USAGE: --out DIR is required: the folder simulation.json is written to\n  fix: usage: " + USAGE + "\n"],
    ["--load with --pattern", ["--load", "x.yaml", "--pattern", "daily", "--out", "o"], "error USAGE: --load and --pattern are exclusive: the curve comes from a file or from a pattern\n  fix: usage: " + USAGE + "\n"],
    ["a pattern that does not exist", ["--pattern", "weekly", "--out", "o"], "error USAGE: --pattern weekly is not a pattern\n  fix: use --pattern steady, --pattern daily, --pattern spike, or --load FILE\n"],
    ["a speed of 0", ["--speed", "0", "--out", "o"], "error USAGE: --speed 0 is not a factor from 1 to 1000\n  fix: pass --speed 20 (one wall second stands for 20 simulated seconds)\n"],
    ["a speed that is not a number", ["--speed", "fast", "--out", "o"], "error USAGE: --speed fast is not a factor from 1 to 1000\n  fix: pass --speed 20 (one wall second stands for 20 simulated seconds)\n"],
    ["a speed beyond 1000", ["--speed", "5000", "--out", "o"], "error USAGE: --speed 5000 is not a factor from 1 to 1000\n  fix: pass --speed 20 (one wall second stands for 20 simulated seconds)\n"],
    ["a duration that is not one", ["--duration", "1d", "--out", "o"], "error USAGE: --duration 1d is not a duration from 1s to 168h\n  fix: pass --duration as a Go duration such as 30m, 1h or 1h30m\n"],
    ["a zero sampling interval", ["--sample-every", "0s", "--out", "o"], "error USAGE: --sample-every 0s is not a duration from 1s to 168h\n  fix: pass --sample-every as a Go duration such as 30m, 1h or 1h30m\n"],
    ["an unknown apply mode", ["--apply", "kubectl", "--out", "o"], "error USAGE: --apply kubectl is not a mode\n  fix: use --apply server-side-apply or --apply argocd\n"],
  ])("GIVEN %s WHEN simulate runs THEN it is a usage error (exit 2) and nothing starts", async (_, args, stderr) => {
    const result = await runCli(["simulate", ...args], mkdtempSync(join(tmpdir(), "slipway-simulate-cli-")));
    expect(result.stderr).toBe(stderr);
    expect(result.status).toBe(2);
  });

  it("GIVEN a load file with a rate that is not a number WHEN simulate runs THEN LOAD_INVALID names the file and the field (exit 1)", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-simulate-cli-"));
    writeFileSync(join(directory, "load.yaml"), "applications:\n  web:\n    - { at: 0s, requestsPerSecond: 10 }\n    - { at: 5m, requestsPerSecond: nope }\n");
    const result = await runCli(["simulate", "--load", "load.yaml", "--out", "out"], directory);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "error LOAD_INVALID: the load file is invalid (1 problem)\n  where: load.yaml\n  - applications.web[1].requestsPerSecond: Invalid input: expected number, received string\n  fix: correct the fields listed; docs/simulate.md describes the load file\n",
    );
  });

  it("GIVEN a load file that is missing WHEN simulate runs THEN INPUT_UNREADABLE names it", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-simulate-cli-"));
    const result = await runCli(["simulate", "--load", "absent.yaml", "--out", "out"], directory);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error INPUT_UNREADABLE: load file ${join(directory, "absent.yaml")} does not exist`);
    expect(result.stderr).toContain(`where: ${join(directory, "absent.yaml")}`);
  });

  it("GIVEN an --out that is a file WHEN simulate runs THEN OUTPUT_UNWRITABLE says so before any cluster starts", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-simulate-cli-"));
    writeFileSync(join(directory, "taken"), "");
    const result = await runCli(["simulate", "--pattern", "spike", "--out", "taken"], directory);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error OUTPUT_UNWRITABLE: ${join(directory, "taken")} exists and is not a folder`);
    expect(result.stdout).not.toContain("bringing up");
  });

  it("GIVEN --help WHEN simulate runs THEN it lists every option", async () => {
    const result = await runCli(["simulate", "--help"], tmpdir());
    expect(result.status).toBe(0);
    for (const option of ["--config", "--load", "--pattern", "--speed", "--duration", "--sample-every", "--out", "--apply", "--keep"]) expect(result.stdout).toContain(`  ${option}`);
  });
});
