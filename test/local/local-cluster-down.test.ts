/**
 * `slipway down` without a control plane: real short-lived processes (shell loops standing
 * in for the components) recorded in a cluster state, as `up` records them. Kept apart from
 * local-cluster.test.ts, whose other tests start a real control plane and are left out of
 * `npm run test:unit`; this one belongs in the inner loop.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { writeClusterState, type ClusterState } from "../../src/local/cluster-state.js";
import { down } from "../../src/local/local-cluster.js";
import { clusterStateDirectory } from "../../src/local/local-paths.js";
import { isRunning, startProcess, stopProcess, type RunningProcess } from "../../src/local/process-supervisor.js";
import { REPO_ROOT } from "../support/paths.js";

const savedCache = process.env.XDG_CACHE_HOME;
const started: RunningProcess[] = [];
afterEach(() => {
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
});
afterAll(async () => {
  for (const process_ of started) await stopProcess(process_, 500);
});

/** A component stand-in that writes its name to `stopLog` when asked to stop (SIGTERM), then exits. */
function component(name: string, stopLog: string, logs: string): RunningProcess {
  const script = `trap 'echo ${name} >> ${stopLog}; exit 0' TERM; while :; do sleep 0.05; done`;
  const running = startProcess({ name, binary: "/bin/sh", args: ["-c", script], logFile: join(logs, `${name}.log`) });
  started.push(running);
  return running;
}

/** A cluster state folder as `up` leaves it, holding `processes` in start order. */
async function recordedCluster(clusterName: string, processes: readonly RunningProcess[]): Promise<string> {
  const stateDirectory = clusterStateDirectory(clusterName);
  mkdirSync(join(stateDirectory, "logs"), { recursive: true });
  const state: ClusterState = {
    clusterName,
    kubernetesVersion: "1.35.0",
    stateDirectory,
    kubeconfig: join(stateDirectory, "kubeconfig"),
    server: "https://127.0.0.1:1",
    ports: {} as ClusterState["ports"],
    processes,
  };
  await writeClusterState(state);
  return stateDirectory;
}

describe.skipIf(process.platform !== "linux")("down", () => {
  it("GIVEN three recorded components, one already gone WHEN down runs THEN the running ones stop last started first and the state folder is removed", async () => {
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), "slipway-down-"));
    const stopLog = join(process.env.XDG_CACHE_HOME, "stopped.txt");
    const logs = mkdtempSync(join(tmpdir(), "slipway-down-logs-"));
    const etcd = component("etcd", stopLog, logs);
    const gone = component("kube-apiserver", stopLog, logs);
    await stopProcess(gone);
    writeFileSync(stopLog, "");
    const scheduler = component("kube-scheduler", stopLog, logs);
    const stateDirectory = await recordedCluster("down-test", [etcd, gone, scheduler]);

    const result = await down("down-test");

    expect(result).toEqual({ stopped: ["kube-scheduler", "etcd"], stateDirectory });
    expect(readFileSync(stopLog, "utf8")).toBe("kube-scheduler\netcd\n");
    expect([etcd, scheduler].map(isRunning)).toEqual([false, false]);
    expect(existsSync(stateDirectory)).toBe(false);
  });

  it("GIVEN a state folder without a state file WHEN down runs THEN the folder is removed and nothing is stopped", async () => {
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), "slipway-down-"));
    const stateDirectory = clusterStateDirectory("half-made");
    mkdirSync(join(stateDirectory, "pki"), { recursive: true });
    expect(await down("half-made")).toEqual({ stopped: [], stateDirectory });
    expect(existsSync(stateDirectory)).toBe(false);
  });

  it("GIVEN no cluster of that name WHEN down runs THEN it says so (undefined)", async () => {
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), "slipway-down-"));
    expect(await down("never-started")).toBeUndefined();
  });

  it("GIVEN local-cluster.ts WHEN its process stops are listed THEN there is one, in stopComponents: down and every restart go through it", () => {
    const source = readFileSync(join(REPO_ROOT, "src", "local", "local-cluster.ts"), "utf8");
    expect(source.match(/\bstopProcess\(/g)).toHaveLength(1);
    expect(source.match(/async function stopComponents[\s\S]*?\n}\n/)![0]).toContain("stopProcess(");
  });
});
