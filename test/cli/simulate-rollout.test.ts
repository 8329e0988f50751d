/**
 * `slipway simulate rollout` as users run it: every mistake is reported before any cluster
 * starts (these runs start none). The rollout itself is test/local/simulate-rollout.test.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const USAGE = "slipway simulate rollout APP --image-tag TAG [--success-rate R] [--config FILE] [--speed N] --out DIR [--crds DIR]... [--charts DIR|URL] [--keep]";

describe("slipway simulate rollout", () => {
  it.each([
    ["no application", ["--image-tag", "v2", "--out", "o"], "error USAGE: name the application to roll out\n  fix: usage: " + USAGE + "\n"],
    ["two applications", ["a", "b", "--image-tag", "v2", "--out", "o"], "error USAGE: one application at a time, got a, b\n  fix: usage: " + USAGE + "\n"],
    ["no --image-tag", ["api-server", "--out", "o"], "error USAGE: --image-tag TAG is required: the canary's new image tag\n  fix: usage: " + USAGE + "\n"],
    ["no --out", ["api-server", "--image-tag", "v2"], "error USAGE: --out DIR is required: the folder rollout.json is written to\n  fix: usage: " + USAGE + "\n"],
    ["a success rate of 97", ["api-server", "--image-tag", "v2", "--success-rate", "97", "--out", "o"], "error USAGE: --success-rate 97 is not a share from 0 to 1\n  fix: pass --success-rate 0.97 (3% of the canary's requests fail) or 1\n"],
    ["a success rate that is not a number", ["api-server", "--image-tag", "v2", "--success-rate", "high", "--out", "o"], "error USAGE: --success-rate high is not a share from 0 to 1\n  fix: pass --success-rate 0.97 (3% of the canary's requests fail) or 1\n"],
    ["a speed of 0", ["api-server", "--image-tag", "v2", "--speed", "0", "--out", "o"], "error USAGE: --speed 0 is not a factor from 1 to 1000\n  fix: pass --speed 20 (one wall second stands for 20 simulated seconds)\n"],
    ["an application the spec lacks", ["web", "--image-tag", "v2", "--out", "o"], 'error USAGE: "web" is not an application of the spec\n  fix: name one of: api-server\n'],
    ["the tag already deployed", ["api-server", "--image-tag", "v1.0.0", "--out", "o"], "error USAGE: --image-tag v1.0.0 is the tag api-server already runs: nothing would roll out\n  fix: pass the new tag to roll out\n"],
  ])("GIVEN %s WHEN simulate rollout runs THEN it is a usage error (exit 2) and nothing starts", async (_, args, stderr) => {
    const result = await runCli(["simulate", "rollout", ...args], mkdtempSync(join(tmpdir(), "slipway-rollout-cli-")));
    expect(result.stderr).toBe(stderr);
    expect(result.status).toBe(2);
    expect(result.stdout).not.toContain("bringing up");
  });

  it("GIVEN an option of simulate's load curves WHEN simulate rollout runs THEN it is unknown here (exit 2), with the rollout's usage", async () => {
    const result = await runCli(["simulate", "rollout", "api-server", "--image-tag", "v2", "--pattern", "daily", "--out", "o"], mkdtempSync(join(tmpdir(), "slipway-rollout-cli-")));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error USAGE: Unknown option '--pattern'/);
    expect(result.stderr).toContain(`fix: usage: ${USAGE}\n`);
  });

  it("GIVEN --help WHEN simulate rollout runs THEN it lists every option; simulate --help names the subcommand", async () => {
    const result = await runCli(["simulate", "rollout", "--help"], tmpdir());
    expect(result.status).toBe(0);
    for (const option of ["APP", "--image-tag", "--success-rate", "--config", "--speed", "--out", "--keep"]) expect(result.stdout).toContain(`  ${option}`);
    expect((await runCli(["simulate", "--help"], tmpdir())).stdout).toContain(USAGE);
  });
});
