/**
 * Writes `DIR/simulation.json`: validated against the schema first (a result that breaks
 * the contract is a bug, reported with every problem), then written to a temporary file in
 * the same folder and renamed over the target, so a reader never sees half a file and a
 * failure leaves the previous file, if any, untouched.
 */
import { SlipwayError } from "../errors.js";
import { writeOutputFile } from "../synth/output-file.js";
import { simulationResult, type SimulationResult } from "./simulation-result.js";

export const SIMULATION_FILE = "simulation.json";

/** The file's text: the validated result, keys in the schema's order, two-space indent. */
export function renderSimulationResult(result: SimulationResult): string {
  const parsed = simulationResult.safeParse(result);
  if (!parsed.success) {
    throw new SlipwayError("LOCAL_CLUSTER", "the simulation's result does not match the simulation.json schema; nothing was written", {
      where: "src/simulate/simulation-result.ts",
      problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
      fix: "this is a bug in slipway simulate: report it with the problems above",
    });
  }
  return JSON.stringify(parsed.data, null, 2) + "\n";
}

/** Writes the result into `directory` (created when missing); resolves with the file's path. */
export async function writeSimulationResult(directory: string, result: SimulationResult): Promise<string> {
  return writeOutputFile(directory, SIMULATION_FILE, renderSimulationResult(result));
}
