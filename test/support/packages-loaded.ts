/** What a run of the built CLI loads: the npm packages, traced by test/support/trace-module-loads.mjs. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, type CliRun } from "./cli.js";
import { REPO_ROOT } from "./paths.js";

/** Runs `slipway ARGS` in a new folder holding `files`; the run and the npm packages it loaded, sorted. */
export async function packagesLoaded(args: readonly string[], files: Record<string, string> = {}): Promise<{ run: CliRun; packages: string[] }> {
  const cwd = mkdtempSync(join(tmpdir(), "slipway-cli-start-up-"));
  for (const [path, content] of Object.entries(files)) writeFileSync(join(cwd, path), content);
  const trace = join(cwd, "modules.txt");
  writeFileSync(trace, "");
  const hook = join(REPO_ROOT, "test", "support", "trace-module-loads.mjs");
  const run = await runCli(args, cwd, { NODE_OPTIONS: `--import=${hook}`, TRACE_MODULE_LOADS_FILE: trace });
  const packages = readFileSync(trace, "utf8")
    .split("\n")
    .flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []);
  return { run, packages: [...new Set(packages)].sort() };
}
