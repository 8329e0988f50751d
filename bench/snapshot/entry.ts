/**
 * The entry bundled into one CommonJS script (bench/snapshot/bundle.ts) for the V8
 * start-up snapshot experiment: `slipway synth` in process, with the same options.
 *
 * Run plainly (`node synth.cjs synth --out DIR ...`) it synthesizes once. Run by
 * `node --snapshot-blob F --build-snapshot synth.cjs`, it synthesizes the reference
 * platform once into a temporary folder (so every module it needs is evaluated and its
 * functions compiled; Helm values checked against $SLIPWAY_SNAPSHOT_CHARTS), and sets
 * the snapshot's main function to the same command, which `node --snapshot-blob F
 * synth --out DIR ...` then runs. Errors end as in src/cli/main.ts: a SlipwayError
 * prints what, where and the fix (exit 1, or 2 for usage), anything else its stack (70).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startupSnapshot } from "node:v8";
import { command } from "../../src/cli/commands/synth.js";
import { EXIT, type CommandIO } from "../../src/cli/command.js";
import { isSlipwayError } from "../../src/errors.js";
import { aws } from "../../src/cdk/aws-cdk-lib.js";
import { addPlatformStack, platformAppProps } from "../../src/cdk/synthesize-infrastructure.js";
import { loadSpec } from "../../src/platform-spec/load.js";

function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    readStdin: () => Promise.reject(new Error("synth reads no standard input")),
  };
}

/**
 * `synth ARGS...` as `node dist/cli/main.js synth ARGS...` runs it, the CDK side in
 * process; `cdk` as `node dist/cdk/cdk-app.js` runs it (the AWS side alone, into
 * $CDK_OUTDIR, as `cdk synth` runs an app), to compare with EKS Blueprints' CDK app.
 */
async function runSynth(argv: readonly string[]): Promise<void> {
  // A worker thread would load dist/ modules from disk, which is what the snapshot avoids.
  process.env.SLIPWAY_SYNTH_WORKER = "0";
  const [name, ...rest] = argv;
  if (name === "cdk") return runCdkApp();
  if (name !== "synth") throw new Error(`usage: synth [--config FILE] [--out DIR] [--charts DIR|URL] | cdk (got ${JSON.stringify(name)})`);
  process.exitCode = await command.run(rest, processIO());
}

/** The body of src/cdk/cdk-app.ts (a module with top-level await, so it cannot be imported here). */
async function runCdkApp(): Promise<void> {
  const { spec } = await loadSpec({ configPath: process.env.SLIPWAY_CONFIG || undefined, cwd: process.cwd() });
  const app = new aws.core.App(platformAppProps());
  addPlatformStack(app, spec, { nagChecks: String(app.node.tryGetContext("slipway:nagChecks") ?? "true") !== "false" });
  app.synth();
}

function reportFailure(error: unknown): void {
  if (isSlipwayError(error)) {
    process.stderr.write(`${error.render()}\n`);
    process.exitCode = error.code === "USAGE" ? EXIT.usage : EXIT.findings;
    return;
  }
  process.stderr.write(`slipway: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 70;
}

if (startupSnapshot.isBuildingSnapshot()) {
  // Node 20's snapshot builder removes Error.stackTraceLimit, so a captured stack has no
  // `stack` at all, and aws-cdk-lib's construct metadata (parseErrorStack) crashes on it.
  // Node's default is put back for the warm-up; the deserialized process keeps it.
  Error.stackTraceLimit = 10;
  const warmUp = mkdtempSync(join(tmpdir(), "slipway-snapshot-warm-up-"));
  // Module-level memos outlive the warm-up into the snapshot: the parsed charts are kept by
  // path (src/charts/validate-chart-values.ts). A chart cache of its own, deleted after,
  // means no later run can be answered from them, so a run does the work the CLI does.
  const cacheHome = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = join(warmUp, "cache");
  process.env.SLIPWAY_SYNTH_WORKER = "0";
  const quiet: CommandIO = { ...processIO(), stdout: () => {} };
  // Without a Helm repository the warm-up would try `helm pull` of all 13 charts.
  const charts = process.env.SLIPWAY_SNAPSHOT_CHARTS;
  if (!charts) throw new Error("set SLIPWAY_SNAPSHOT_CHARTS to a Helm repository folder (../shared/charts) for the warm-up synthesis");
  command
    .run(["--out", join(warmUp, "out"), "--charts", charts], quiet)
    .then((code) => {
      if (code !== 0) throw new Error(`warm-up synthesis exited with ${code}`);
    })
    .catch(reportFailure)
    .finally(() => {
      rmSync(warmUp, { recursive: true, force: true });
      if (cacheHome === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = cacheHome;
    });
  startupSnapshot.setDeserializeMainFunction(() => {
    runSynth(process.argv.slice(1)).catch(reportFailure);
  });
} else {
  runSynth(process.argv.slice(2)).catch(reportFailure);
}
