import { describe, expect, it } from "vitest";
import type { AddonObject } from "../../src/local/addon-objects.js";
import { addonSelectors, podsPerAddon } from "../../src/local/addon-pods.js";
import { LOCAL_NODE_GROUP_LABEL } from "../../src/local/fake-nodes.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import type { PodItem } from "../../src/local/workload-status.js";

const workload = (addon: string, kind: string, name: string, labels: Record<string, string>, namespace?: string): AddonObject => ({
  addon,
  namespace: "monitoring",
  source: `addon ${addon}`,
  object: {
    apiVersion: "apps/v1",
    kind,
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    spec: kind === "Job" ? { template: { metadata: { labels } } } : { selector: { matchLabels: labels } },
  } as KubeObject,
});
const pod = (name: string, namespace: string, labels: Record<string, string>, phase: string, nodeName?: string): PodItem => ({
  metadata: { name, namespace, labels },
  spec: nodeName === undefined ? {} : { nodeName },
  status: { phase },
});
const nodes = [
  { metadata: { name: "system-1", labels: { [LOCAL_NODE_GROUP_LABEL]: "system" } } },
  { metadata: { name: "general-1", labels: { [LOCAL_NODE_GROUP_LABEL]: "general" } } },
];

describe("podsPerAddon", () => {
  const selectors = addonSelectors([
    workload("loki", "StatefulSet", "loki-write", { app: "loki", component: "write" }),
    workload("loki", "Job", "loki-migrate", { job: "migrate" }),
    workload("metrics-server", "Deployment", "metrics-server", { app: "metrics-server" }, "kube-system"),
    workload("loki", "Service", "loki", { app: "loki" }),
    workload("loki", "Deployment", "loki-empty", {}),
  ]);

  it("GIVEN add-on workloads WHEN their selectors are read THEN Services and empty selectors select nothing, a Job selects by its template's labels", () => {
    expect(selectors.map((selector) => `${selector.addon} ${selector.namespace} ${JSON.stringify(selector.labels)}`)).toEqual([
      'loki monitoring {"app":"loki","component":"write"}',
      'loki monitoring {"job":"migrate"}',
      'metrics-server kube-system {"app":"metrics-server"}',
    ]);
  });

  it("GIVEN pods on the cluster WHEN counted THEN each add-on has its Running/total and node groups, pods of other namespaces or labels are not its own", () => {
    const pods = [
      pod("loki-write-0", "monitoring", { app: "loki", component: "write", extra: "x" }, "Running", "general-1"),
      pod("loki-write-1", "monitoring", { app: "loki", component: "write" }, "Pending"),
      pod("loki-migrate-abc", "monitoring", { job: "migrate" }, "Succeeded", "general-1"),
      pod("loki-read-0", "monitoring", { app: "loki", component: "read" }, "Running", "general-1"),
      pod("metrics-server-1", "kube-system", { app: "metrics-server" }, "Running", "system-1"),
      pod("metrics-server-x", "monitoring", { app: "metrics-server" }, "Running", "general-1"),
    ];
    expect(podsPerAddon(["loki", "metrics-server", "tempo"], selectors, { pods, nodes })).toEqual([
      { addon: "loki", running: 1, total: 2, runningByNodeGroup: { general: 1 }, notRunning: ["monitoring/loki-write-1 (Pending)"] },
      { addon: "metrics-server", running: 1, total: 1, runningByNodeGroup: { system: 1 }, notRunning: [] },
      { addon: "tempo", running: 0, total: 0, runningByNodeGroup: {}, notRunning: [] },
    ]);
  });
});
