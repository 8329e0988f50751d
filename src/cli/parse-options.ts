/**
 * Option parsing shared by commands: node's parseArgs, with unknown options turned into
 * a usage error that shows the command's usage line.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { SlipwayError } from "../errors.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;
export type ParsedOptions<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseOptions<T extends OptionsConfig>(argv: readonly string[], options: T, usage: string): ParsedOptions<T> {
  let parsed: ParsedOptions<T>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SlipwayError("USAGE", (error as Error).message.split("\n")[0] ?? "invalid options", { fix: `usage: ${usage}` });
  }
  // An empty value (`--out ""`, an unset shell variable) names no path or URL: `synth --out ""`
  // wrote into the current folder.
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === "" || (Array.isArray(value) && value.includes(""))) {
      throw new SlipwayError("USAGE", `option --${name} was given an empty value`, { fix: `give --${name} a value (an unset shell variable expands to nothing); usage: ${usage}` });
    }
  }
  return parsed;
}

/** Refuses positional arguments for commands that take none. */
export function noPositionals(positionals: readonly string[], usage: string): void {
  if (positionals.length > 0) {
    throw new SlipwayError("USAGE", `unexpected argument "${positionals[0]}"`, { fix: `usage: ${usage}` });
  }
}

/**
 * `--as-of YYYY-MM-DD`: a day of the calendar. The pattern alone let 2026-02-30 through,
 * which Date rolls over to March 2 without a word; a date must read back as written.
 */
export function parseCalendarDate(option: string, value: string, usage: string): string {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts the year back as written.
  date?.setUTCFullYear(Number(match?.[1]));
  if (date === undefined || date.toISOString().slice(0, 10) !== value) {
    throw new SlipwayError("USAGE", `--${option} must be a date YYYY-MM-DD, not "${value}"`, { fix: `usage: ${usage}` });
  }
  return value;
}
