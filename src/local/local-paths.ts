/**
 * Where the local control plane keeps its files, all outside the repository: built
 * binaries in a per-machine cache keyed by version (built once, shared by every clone),
 * and each local cluster's state (certificates, etcd data, logs, kubeconfig) in its own
 * folder so `slipway down` can remove it whole.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { LOCAL_CONTROL_PLANE } from "../versions.js";

/** `$XDG_CACHE_HOME/slipway` (default `~/.cache/slipway`). */
export function slipwayCacheRoot(environment: NodeJS.ProcessEnv = process.env): string {
  return join(environment.XDG_CACHE_HOME || join(homedir(), ".cache"), "slipway");
}

/** Folder of the binaries of one Kubernetes version. */
export function binariesDirectory(environment: NodeJS.ProcessEnv = process.env, kubernetesVersion: string = LOCAL_CONTROL_PLANE.kubernetes): string {
  return join(slipwayCacheRoot(environment), "local-control-plane", kubernetesVersion, "bin");
}

/** State folder of the local cluster named after the spec's cluster. */
export function clusterStateDirectory(clusterName: string, environment: NodeJS.ProcessEnv = process.env): string {
  return join(slipwayCacheRoot(environment), "local", clusterName);
}
