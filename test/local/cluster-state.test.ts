import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readClusterState, stateFile, writeClusterState, type ClusterState } from "../../src/local/cluster-state.js";

function state(stateDirectory: string): ClusterState {
  return {
    clusterName: "c",
    kubernetesVersion: "1.35.0",
    stateDirectory,
    kubeconfig: join(stateDirectory, "kubeconfig"),
    server: "https://127.0.0.1:6443",
    ports: {} as ClusterState["ports"],
    processes: [{ name: "etcd", pid: 1234, binary: "/bin/etcd" }],
  };
}

describe("the cluster state file", () => {
  it("GIVEN a state written twice WHEN read back THEN it is the last one, and only state.json is in the folder", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-state-"));
    await writeClusterState({ ...state(directory), processes: [] });
    await writeClusterState(state(directory));
    expect(readClusterState(directory)).toEqual(state(directory));
    expect(readdirSync(directory)).toEqual(["state.json"]);
    expect(stateFile(directory)).toBe(join(directory, "state.json"));
  });

  it("GIVEN no state file WHEN read THEN there is no cluster", () => {
    expect(readClusterState(mkdtempSync(join(tmpdir(), "slipway-state-")))).toBeUndefined();
  });

  it("GIVEN a state folder that is a file WHEN the state is written THEN LOCAL_CLUSTER names state.json and how to start over", async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), "slipway-state-")), "cluster");
    writeFileSync(blocker, "");
    await expect(writeClusterState(state(blocker))).rejects.toMatchObject({ code: "LOCAL_CLUSTER", where: join(blocker, "state.json"), fix: expect.stringContaining("slipway down") });
  });
});
