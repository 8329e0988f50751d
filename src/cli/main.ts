#!/usr/bin/env node
/**
 * `slipway` entry point: finds the command, loads it, and handles every error in one
 * place. A SlipwayError prints what failed, where and how to fix it, with no stack
 * trace; anything else is a bug and prints its stack.
 */
import { realpathSync } from "node:fs";
import nodeModule from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isSlipwayError, SlipwayError } from "../errors.js";
import { EXIT, type Command, type CommandIO } from "./command.js";
import { packageVersion } from "./package-version.js";
import { slipwayCacheRoot } from "../local/local-paths.js";

/** Every command with its one-line summary; a command's module is imported only when it runs. */
const COMMANDS: Record<string, { readonly summary: string; readonly load: () => Promise<{ command: Command }> }> = {
  synth: { summary: "write the GitOps repository (and CDK app) of the platform spec", load: () => import("./commands/synth.js") },
  render: { summary: "render the manifests each add-on's Helm chart installs, as Argo CD would", load: () => import("./commands/render.js") },
  check: { summary: "validate and lint Kubernetes manifests (schemas, deprecations, Pod Security, network policies, references)", load: () => import("./commands/check.js") },
  cost: { summary: "estimate the platform's monthly AWS cost per component (Karpenter from a simulation or at min/max replicas)", load: () => import("./commands/cost.js") },
  report: { summary: "write one offline HTML page: architecture diagram, add-on versions, check findings, simulation plots, cost", load: () => import("./commands/report.js") },
  bootstrap: { summary: "install Argo CD on the deployed cluster and start the root Application", load: () => import("./commands/bootstrap.js") },
  up: { summary: "run the platform on a local Kubernetes control plane (fake nodes, no cloud)", load: () => import("./commands/up.js") },
  simulate: { summary: "drive a load curve through the real HPA, Karpenter and Rollouts controllers on a local cluster (time-compressed)", load: () => import("./commands/simulate.js") },
  status: { summary: "show the local cluster's components and workloads", load: () => import("./commands/status.js") },
  down: { summary: "stop the local cluster and remove its state", load: () => import("./commands/down.js") },
  kubeconfig: { summary: "print the path of the local cluster's kubeconfig", load: () => import("./commands/kubeconfig.js") },
};

export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version") {
    io.stdout(`slipway ${packageVersion()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    io.stderr(
      new SlipwayError("USAGE", `unknown command "${name}"`, { fix: `run one of: ${Object.keys(COMMANDS).join(", ")} (slipway help)` }).render() + "\n",
    );
    return EXIT.usage;
  }
  try {
    const { command } = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    if (isSlipwayError(error)) {
      io.stderr(error.render() + "\n");
      return error.code === "USAGE" ? EXIT.usage : EXIT.findings;
    }
    throw error;
  }
}

function helpText(): string {
  const lines = ["slipway: a complete, current, secure EKS platform from one typed spec", "", "usage: slipway <command> [options]", ""];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${summary}`);
  lines.push("", "slipway <command> --help shows a command's options.", "");
  return lines.join("\n");
}

export function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      // Decoded as a manifest file is (a UTF-16 mark is honoured), since stdin is one.
      const { decodeManifest } = await import("../check/load/decode-manifest.js");
      return decodeManifest(Buffer.concat(chunks));
    },
  };
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
/**
 * Node 22.1 and later keep V8's compiled code of the modules loaded after this call on
 * disk, keyed by Node version and file content, so the next run of a command skips
 * compiling them again: aws-cdk-lib alone is hundreds of modules (docs/infrastructure.md,
 * "Cold `slipway synth`"). The folder is Slipway's own cache (`~/.cache/slipway/
 * node-compile-cache`), not Node's default in the shared temporary folder, where another
 * user of the machine could own it or plant code; a NODE_COMPILE_CACHE the user set wins.
 * The folder is exported as NODE_COMPILE_CACHE so the CDK worker thread and Node child
 * processes use it too. Node 20 has no such API, and NODE_DISABLE_COMPILE_CACHE=1 turns
 * it off: then nothing changes.
 */
export function enableCompileCache(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const enable = (nodeModule as { enableCompileCache?: (directory?: string) => { directory?: string } }).enableCompileCache;
  if (enable === undefined) return undefined;
  const directory = enable(environment.NODE_COMPILE_CACHE || join(slipwayCacheRoot(environment), "node-compile-cache")).directory;
  if (directory !== undefined && environment.NODE_COMPILE_CACHE === undefined) environment.NODE_COMPILE_CACHE = directory;
  return directory;
}

/** Resolves once everything written to `stream` before the call has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write("", () => resolve());
  });
}

if (invokedDirectly) {
  enableCompileCache();
  main(process.argv.slice(2), processIO()).then(
    async (code) => {
      // The command is done: whatever a slipway.config.ts left running (a timer, an open
      // socket) must not keep the CLI alive. The local cluster's processes are detached
      // and unreferenced (process-supervisor.ts). Writes to a pipe are asynchronous on
      // POSIX, so the output is flushed first (`slipway check --format json | jq` keeps
      // every byte).
      await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
      process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`slipway: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
