/**
 * Reads a simulation.json for the report: parsed and validated against the schema
 * `slipway simulate` writes (src/simulate/simulation-result.ts), so the plots never draw
 * from a file of another shape. Each problem names its field path.
 */
import { readFileSync } from "node:fs";
import { SlipwayError } from "../errors.js";
import { SIMULATION_SCHEMA_VERSION, simulationResult, type SimulationResult } from "../simulate/simulation-result.js";

const FIX = "run `slipway simulate --out DIR` to write a new DIR/simulation.json, or pass --simulation a file it wrote";

export function readSimulation(path: string): SimulationResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SlipwayError("INPUT_UNREADABLE", `cannot read the simulation: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { where: path, fix: FIX });
  }
  return parseSimulation(text, path);
}

export function parseSimulation(text: string, where: string): SimulationResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SlipwayError("SIMULATION_INVALID", `the simulation is not JSON: ${(error as Error).message}`, { where, fix: FIX });
  }
  const parsed = simulationResult.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(the file)"}: ${issue.message}`);
    throw new SlipwayError("SIMULATION_INVALID", `the simulation does not match simulation.json schema version ${SIMULATION_SCHEMA_VERSION} (${problems.length} problem${problems.length === 1 ? "" : "s"})`, {
      where,
      problems: problems.slice(0, 20),
      fix: FIX,
    });
  }
  return parsed.data;
}
