/**
 * Reads `--load FILE|DIR` for `slipway cost`: a simulation.json that `slipway simulate`
 * wrote (or the folder holding one), validated against its zod schema. Every problem
 * names the file and the field.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { SlipwayError } from "../errors.js";
import { readTextFile } from "../read-text-file.js";
import { simulationResult, type SimulationResult } from "../simulate/simulation-result.js";

export const SIMULATION_FILE = "simulation.json";

export interface LoadedSimulation {
  readonly simulation: SimulationResult;
  /** Absolute path of the file read. */
  readonly file: string;
}

export function readSimulation(path: string, cwd: string): LoadedSimulation {
  const given = resolve(cwd, path);
  const file = existsSync(given) && statSync(given).isDirectory() ? join(given, SIMULATION_FILE) : given;
  const fix = "pass the simulation.json `slipway simulate --out DIR` wrote, or DIR itself";
  if (!existsSync(file)) throw new SlipwayError("INPUT_UNREADABLE", `no simulation at ${file}`, { where: file, fix });
  // A FIFO waited forever for a writer; UTF-16 and bytes that are not UTF-8 say so.
  const text = readTextFile(file, { what: "simulation file", code: "INPUT_UNREADABLE", fix });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SlipwayError("SIMULATION_INVALID", `${file} is not JSON: ${(error as Error).message}`, { where: file, fix, cause: error });
  }
  const parsed = simulationResult.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length === 0 ? "(root)" : issue.path.join(".")}: ${issue.message}`);
    throw new SlipwayError("SIMULATION_INVALID", `${file} is not a simulation.json of this Slipway (${problems.length} problem${problems.length > 1 ? "s" : ""})`, {
      where: file,
      problems,
      fix: `${fix}; docs/simulate.md documents its schema`,
    });
  }
  return { simulation: parsed.data, file };
}
