/**
 * Option parsing shared by commands: node's parseArgs, with unknown options turned into
 * a usage error that shows the command's usage line.
 */
import { parseArgs, type ParseArgsConfig, type ParseArgsOptionsConfig } from "node:util";
import { SlipwayError } from "../errors.js";

export function parseOptions<T extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    throw new SlipwayError("USAGE", (error as Error).message.split("\n")[0] ?? "invalid options", { fix: `usage: ${usage}` });
  }
}
