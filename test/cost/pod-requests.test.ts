import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { blockingTaints, podFitsNode, podGroupsOf, podSpecRequests, quantityIn, selectorFits, tolerates, type PodGroup, type Taint, type PodToleration } from "../../src/cost/pod-requests.js";

const taint: Taint = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" };

describe("tolerates", () => {
  it.each([
    // tolerations, tolerated?
    [[{ operator: "Exists" }], true],
    [[{ key: "CriticalAddonsOnly", operator: "Exists" }], true],
    [[{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoExecute" }], false],
    [[{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }], true],
    [[{ key: "CriticalAddonsOnly", value: "false" }], false],
    [[{ key: "other", operator: "Exists" }], false],
    [[], false],
  ] as [PodToleration[], boolean][])("GIVEN tolerations %j WHEN matched against CriticalAddonsOnly=true:NoSchedule THEN tolerated is %s", (tolerations, expected) => {
    expect(tolerates(tolerations, taint)).toBe(expected);
  });

  it("GIVEN a PreferNoSchedule taint WHEN nothing tolerates it THEN it does not block", () => {
    expect(blockingTaints([{ key: "a", value: "", effect: "PreferNoSchedule" }, taint], [])).toEqual([taint]);
  });
});

describe("quantityIn and podSpecRequests", () => {
  it.each([
    ["250m", "millicores", 250],
    ["2", "millicores", 2000],
    ["1.5", "millicores", 1500],
    ["256Mi", "MiB", 256],
    ["1Gi", "MiB", 1024],
    ["1G", "MiB", 1e9 / 1048576],
    ["junk", "MiB", 0],
    [undefined, "MiB", 0],
  ] as const)("GIVEN %s WHEN read in %s THEN it is %s", (text, unit, value) => {
    expect(quantityIn(text, unit)).toBeCloseTo(value, 6);
  });

  it("GIVEN two containers and a larger init container WHEN requests are read THEN each resource is the larger of the sum and the init container", () => {
    const requests = podSpecRequests({
      containers: [{ resources: { requests: { cpu: "100m", memory: "64Mi" } } }, { resources: { requests: { cpu: "50m" } } }],
      initContainers: [{ resources: { requests: { cpu: "500m", memory: "32Mi" } } }],
    });
    expect(requests).toEqual({ cpuMillicores: 500, memoryMiB: 64 });
  });
});

describe("podGroupsOf", () => {
  it("GIVEN a Deployment, a DaemonSet and a ConfigMap WHEN read THEN the workloads become pod groups with their replicas, selector and tolerations", () => {
    const template = { spec: { nodeSelector: { role: "system" }, tolerations: [{ operator: "Exists" }], containers: [{ resources: { requests: { cpu: "1", memory: "1Gi" } } }] } };
    const groups = podGroupsOf(
      [
        { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "ops" }, spec: { replicas: 3, template } },
        { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent", namespace: "ops" }, spec: { template } },
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "config" } },
      ],
      "add-on ops",
    );
    expect(groups.map((group) => [group.owner, group.replicas, group.daemonSet])).toEqual([
      ["add-on ops: Deployment ops/web", 3, false],
      ["add-on ops: DaemonSet ops/agent", 1, true],
    ]);
    expect(groups[0]!.requests).toEqual({ cpuMillicores: 1000, memoryMiB: 1024 });
    expect(groups[0]!.nodeSelector).toEqual({ role: "system" });
  });
});

describe("podGroupsOf: every kind that runs pods, read by the one pod-template reader", () => {
  const podSpec = { containers: [{ name: "main", resources: { requests: { cpu: "500m", memory: "128Mi" } } }] };
  const template = { spec: podSpec };
  const jobSpec = (fields: Record<string, unknown>) => ({ ...fields, template });
  it.each([
    // what, pods it keeps running (undefined: not a pod group), object
    ["a bare Pod", 1, { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: podSpec }],
    ["a ReplicationController with 4 replicas", 4, { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "p" }, spec: { replicas: 4, template } }],
    ["a ReplicationController without replicas", 1, { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "p" }, spec: { template } }],
    ["a Deployment scaled to 0", 0, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "p" }, spec: { replicas: 0, template } }],
    ["a StatefulSet with replicas 2.7", 2, { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "p" }, spec: { replicas: 2.7, template } }],
    ["a ReplicaSet with replicas -1", 1, { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "p" }, spec: { replicas: -1, template } }],
    ["a Rollout with 5 replicas", 5, { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "p" }, spec: { replicas: 5, template } }],
    ["a Job without parallelism", 1, { apiVersion: "batch/v1", kind: "Job", metadata: { name: "p" }, spec: jobSpec({}) }],
    ["a Job with parallelism 3", 3, { apiVersion: "batch/v1", kind: "Job", metadata: { name: "p" }, spec: jobSpec({ parallelism: 3 }) }],
    ["a Job with parallelism 5 and 2 completions", 2, { apiVersion: "batch/v1", kind: "Job", metadata: { name: "p" }, spec: jobSpec({ parallelism: 5, completions: 2 }) }],
    ["a suspended Job", 0, { apiVersion: "batch/v1", kind: "Job", metadata: { name: "p" }, spec: jobSpec({ parallelism: 3, suspend: true }) }],
    ["a CronJob with parallelism 2", 2, { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "p" }, spec: { schedule: "@daily", jobTemplate: { spec: jobSpec({ parallelism: 2 }) } } }],
    ["a suspended CronJob", 0, { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "p" }, spec: { suspend: true, jobTemplate: { spec: jobSpec({}) } } }],
    ["a PodTemplate (runs nothing)", undefined, { apiVersion: "v1", kind: "PodTemplate", metadata: { name: "p" }, template }],
    ["a Rollout borrowing a Deployment's template", undefined, { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "p" }, spec: { replicas: 2, workloadRef: { kind: "Deployment", name: "d" } } }],
    ["a Deployment of another API group", undefined, { apiVersion: "example.com/v1", kind: "Deployment", metadata: { name: "p" }, spec: { replicas: 2, template } }],
    ["a Job without a template", undefined, { apiVersion: "batch/v1", kind: "Job", metadata: { name: "p" }, spec: { parallelism: 2 } }],
  ] as [string, number | undefined, KubeObject][])("GIVEN %s WHEN read THEN its pod count is %s", (_, expected, object) => {
    const groups = podGroupsOf([object], "add-on x");
    expect(groups.map((group) => group.replicas)).toEqual(expected === undefined ? [] : [expected]);
    if (expected !== undefined) expect(groups[0]!.requests).toEqual({ cpuMillicores: 500, memoryMiB: 128 });
  });

  it("GIVEN a DaemonSet of the extensions group WHEN read THEN it is one pod per node", () => {
    const groups = podGroupsOf([{ apiVersion: "extensions/v1beta1", kind: "DaemonSet", metadata: { name: "agent", namespace: "ops" }, spec: { replicas: 7, template } }], "add-on x");
    expect(groups.map((group) => [group.owner, group.daemonSet, group.replicas])).toEqual([["add-on x: DaemonSet ops/agent", true, 1]]);
  });
});

describe("selectorFits and podFitsNode", () => {
  const pod: PodGroup = { owner: "p", replicas: 1, daemonSet: false, requests: { cpuMillicores: 0, memoryMiB: 0 }, nodeSelector: { role: "system", "kubernetes.io/os": "linux" }, tolerations: [] };
  it.each([
    [{ role: "system" }, [], true],
    [{ role: "application" }, [], false],
    [{}, [], false],
    [{ role: "system" }, [taint], false],
  ] as [Record<string, string>, Taint[], boolean][])("GIVEN node labels %j and taints %j WHEN a role=system pod is matched THEN it fits: %s", (labels, taints, expected) => {
    expect(podFitsNode(pod, labels, taints)).toBe(expected);
  });

  it("GIVEN a pod that needs a label key WHEN the node lacks it THEN it does not fit", () => {
    expect(podFitsNode({ ...pod, nodeSelector: {}, requiredLabelKeys: ["slipway.io/capacity-spread"] }, {}, [])).toBe(false);
    expect(podFitsNode({ ...pod, nodeSelector: {}, requiredLabelKeys: ["slipway.io/capacity-spread"] }, { "slipway.io/capacity-spread": "1" }, [])).toBe(true);
    expect(selectorFits({ "topology.kubernetes.io/zone": "eu-west-1a" }, {})).toBe(true);
  });
});
