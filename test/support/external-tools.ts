/**
 * Test helper: the external linters the CDK template and GitHub workflow tests run.
 *
 * - actionlint (Go module github.com/rhysd/actionlint/cmd/actionlint@v1.7.12) is built
 *   once with `go install` into ~/.cache/slipway/actionlint-v1.7.12/bin (or
 *   $SLIPWAY_ACTIONLINT). CI: `GOBIN=$HOME/.cache/slipway/actionlint-v1.7.12/bin go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12`.
 * - cfn-lint (PyPI `cfn-lint`) is taken from PATH. CI: `pip install cfn-lint==1.51.0`.
 *
 * A missing tool fails the test with the command that installs it (set
 * SLIPWAY_SKIP_MISSING_LINTERS=1 to skip instead, e.g. on a laptop without Go or Python).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const ACTIONLINT_VERSION = "v1.7.12";
export const CFN_LINT_INSTALL = "pip install cfn-lint==1.51.0";

function actionlintBinDirectory(): string {
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cacheRoot, "slipway", `actionlint-${ACTIONLINT_VERSION}`, "bin");
}

export const ACTIONLINT_INSTALL = `GOBIN=${actionlintBinDirectory()} go install github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`;

/** Path of actionlint, building it with `go install` on first use; undefined when Go is missing. */
export function actionlintPath(): string | undefined {
  if (process.env.SLIPWAY_ACTIONLINT) return process.env.SLIPWAY_ACTIONLINT;
  const directory = actionlintBinDirectory();
  const binary = join(directory, "actionlint");
  if (existsSync(binary)) return binary;
  if (spawnSync("go", ["version"]).status !== 0) return undefined;
  mkdirSync(directory, { recursive: true });
  execFileSync("go", ["install", `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`], {
    env: { ...process.env, GOBIN: directory },
    stdio: "inherit",
    timeout: 600_000,
  });
  return binary;
}

export function cfnLintAvailable(): boolean {
  return spawnSync("cfn-lint", ["--version"]).status === 0;
}

export const skipMissingLinters = process.env.SLIPWAY_SKIP_MISSING_LINTERS === "1";
