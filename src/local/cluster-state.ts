/**
 * The state file of a local cluster (`<state dir>/state.json`): what `up` started and
 * where, so `status`, `kubeconfig` and `down` work from any later shell.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
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

export function stateFile(stateDirectory: string): string {
  return join(stateDirectory, "state.json");
}

export function readClusterState(stateDirectory: string): ClusterState | undefined {
  const file = stateFile(stateDirectory);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as ClusterState;
}

export async function writeClusterState(state: ClusterState): Promise<void> {
  await writeFile(stateFile(state.stateDirectory), JSON.stringify(state, null, 2) + "\n");
}
