/**
 * The state file of a local cluster (`<state dir>/state.json`): what `up` started and
 * where, so `status`, `kubeconfig` and `down` work from any later shell.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeOutputFile } from "../synth/output-file.js";
import type { ClusterPorts } from "./components.js";
import type { RunningProcess } from "./process-supervisor.js";

export interface ClusterState {
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  readonly stateDirectory: string;
  readonly kubeconfig: string;
  readonly server: string;
  readonly ports: ClusterPorts;
  readonly processes: readonly RunningProcess[];
}

const STATE_FILE = "state.json";

export function stateFile(stateDirectory: string): string {
  return join(stateDirectory, STATE_FILE);
}

export function readClusterState(stateDirectory: string): ClusterState | undefined {
  const file = stateFile(stateDirectory);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as ClusterState;
}

/** Written whole (writeOutputFile): a killed `up` never leaves a half state that `status` and `down` cannot read. */
export async function writeClusterState(state: ClusterState): Promise<void> {
  await writeOutputFile(state.stateDirectory, STATE_FILE, JSON.stringify(state, null, 2) + "\n", {
    errorCode: "LOCAL_CLUSTER",
    fix: `make ${state.stateDirectory} writable, or run slipway down and slipway up --local again`,
  });
}
