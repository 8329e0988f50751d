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
  const loaded = readFileSync(trace, "utf8");
  // An empty trace would pass for "loads nothing": the hook must have seen the CLI itself.
  if (!loaded.includes("/dist/cli/main.js")) throw new Error(`the module trace of slipway ${args.join(" ")} does not name dist/cli/main.js: the trace hook did not run (stderr: ${run.stderr})`);
  const packages = loaded
    .split("\n")
    .flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []);
  return { run, packages: [...new Set(packages)].sort() };
}
