#!/usr/bin/env node
/**
 * `slipway` entry point: finds the command, loads it, and handles every error in one
 * place. A SlipwayError prints what failed, where and how to fix it, with no stack
 * trace; anything else is a bug and prints its stack.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isSlipwayError, SlipwayError } from "../errors.js";
import { EXIT, type Command, type CommandIO } from "./command.js";

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  synth: () => import("./commands/synth.js"),
  check: () => import("./commands/check.js"),
  bootstrap: () => import("./commands/bootstrap.js"),
  up: () => import("./commands/up.js"),
  status: () => import("./commands/status.js"),
  down: () => import("./commands/down.js"),
  kubeconfig: () => import("./commands/kubeconfig.js"),

};

export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(await helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version") {
    io.stdout("slipway 0.1.0\n");
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.stderr(
      new SlipwayError("USAGE", `unknown command "${name}"`, { fix: `run one of: ${Object.keys(COMMANDS).join(", ")} (slipway help)` }).render() + "\n",
    );
    return EXIT.usage;
  }
  try {
    const { command } = await load();
    return await command.run(rest, io);
  } catch (error) {
    if (isSlipwayError(error)) {
      io.stderr(error.render() + "\n");
      return error.code === "USAGE" ? EXIT.usage : EXIT.findings;
    }
    throw error;
  }
}

async function helpText(): Promise<string> {
  const lines = ["slipway: a complete, current, secure EKS platform from one typed spec", "", "usage: slipway <command> [options]", ""];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { command } = await load();
    lines.push(`  ${name.padEnd(12)} ${command.summary}`);
  }
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
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`slipway: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
