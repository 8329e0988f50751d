/**
 * `slipway simulate` on real controllers: a short spike at ×20 on the reference platform.
 * Nothing is mocked: the load reaches the HPA controller only through kwok's pod usage
 * (read by metrics-server) and the load exporter's counters (scraped by Debian's
 * Prometheus, served by the real prometheus-adapter as http_requests_per_second); the HPA
 * scales the api-server Rollout, the Rollouts controller makes the pods, the scheduler
 * leaves them Pending, and Karpenter launches nodes for them.
 *
 * The curve: the spike pattern over 30 simulated minutes (90 s wall), trough 1,500 rps,
 * peak 30,000 rps (30 pods' worth at the spec's 1,000 per pod) from minute 6 to 18. The
 * api-server asks for 1 CPU per pod (the reference: 250m) and its team's quota is raised
 * to match: with the reference's pods, 50 of them fit on the managed `application` node
 * group and the nodes Karpenter launched for the first 10, so no node would be added. While
 * the simulation runs, the test reads the HPA's status itself (what it computed from each
 * metric); the cluster is kept after the run and removed in afterAll. Its name is its own.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../../src/local/api-client.js";
import { ensureBinaries } from "../../src/local/binaries.js";
import { readClusterState } from "../../src/local/cluster-state.js";
import { down } from "../../src/local/local-cluster.js";
import { clusterStateDirectory } from "../../src/local/local-paths.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { patternCurve } from "../../src/simulate/load-curve.js";
import { simulate, simulationClusterName, type SimulateRun } from "../../src/simulate/simulation-run.js";
import { simulationResult, type SimulationSample } from "../../src/simulate/simulation-result.js";
import { SHARED_CRDS_DIR } from "../support/paths.js";
import { needsShared } from "../support/shared.js";
import { adminClient } from "../support/local-cluster.js";

const spec = parseSpec(
  {
    cluster: { name: `slipway-sim-${process.pid}` },
    teams: { "team-a": { quota: { requestsCpu: "60", requestsMemory: "120Gi", limitsCpu: "120", limitsMemory: "240Gi" } } },
    applications: { "api-server": { namespace: "production", resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } } } },
  },
  "simulate.test.ts",
);
const log = (line: string) => process.stderr.write(`[simulate] ${line}\n`);
const MINUTE = 60_000;
const SPEED = 20;
const curve = patternCurve(spec, "spike", 1800);
const out = mkdtempSync(join(tmpdir(), "slipway-simulate-"));

interface HpaStatus {
  currentMetrics?: { type: string; resource?: { name: string; current: { averageUtilization?: number } }; pods?: { metric: { name: string }; current: { averageValue: string } } }[];
  conditions?: { type: string; status: string; reason: string }[];
}

let run: SimulateRun;
let client: ApiClient;
/** The HPA's status as the test read it every 2 s during the run. */
const observed: HpaStatus[] = [];
const HPA_PATH = "/apis/autoscaling/v2/namespaces/production/horizontalpodautoscalers/api-server";
/** A Kubernetes quantity such as 16723m or 42 as a number. */
const parseQuantity = (quantity: string) => (quantity.endsWith("m") ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity));
const karpenterNodes = (sample: SimulationSample) => sample.nodes.filter((group) => group.managedBy === "karpenter").reduce((sum, group) => sum + group.count, 0);
const during = (from: number, to: number) => run.result.samples.filter((sample) => sample.t >= from && sample.t <= to);

describe.skipIf(needsShared("the simulation with the add-ons' upstream CRDs"))("slipway simulate drives the real HPA and Karpenter with a load curve", () => {
  beforeAll(async () => {
    await ensureBinaries({ onProgress: log });
    let simulating = false;
    const running = simulate({
      spec,
      curve,
      speed: SPEED,
      outDirectory: out,
      sampleEverySeconds: 60,
      crdFolders: [SHARED_CRDS_DIR],
      keepCluster: true,
      onProgress: (line) => {
        if (line.startsWith("simulating ")) simulating = true;
        log(line);
      },
    }).finally(() => (simulating = false));
    // The test's own look at the HPA while the load runs (the exporter stops with the run).
    const watch = (async () => {
      while (!simulating) await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
      const watcher = adminClient(readClusterState(clusterStateDirectory(simulationClusterName(spec)))!);
      try {
        while (simulating) {
          const response = await watcher.get(HPA_PATH);
          if (response.status === 200) observed.push((JSON.parse(response.body) as { status: HpaStatus }).status);
          await new Promise((resolvePromise) => setTimeout(resolvePromise, 2000));
        }
      } finally {
        watcher.close();
      }
    })();
    run = await running;
    await watch;
    client = adminClient(run.up.state);
  }, 8 * MINUTE);

  afterAll(async () => {
    client?.close();
    await down(simulationClusterName(spec));
  }, MINUTE);

  it("GIVEN the run WHEN simulation.json is read THEN it validates against the schema and records the curve, the factor and what it scaled", () => {
    const file = simulationResult.parse(JSON.parse(readFileSync(join(out, "simulation.json"), "utf8")));
    expect(file).toEqual(run.result);
    expect(file).toMatchObject({ platform: { name: spec.cluster.name, region: "eu-west-1" }, load: { pattern: "spike" }, speed: { factor: SPEED }, durationSeconds: 1800 });
    expect(file.speed.scaled).toContain("kube-controller-manager --horizontal-pod-autoscaler-sync-period: 15s → 750ms");
    // 30 simulated minutes at ×20 is 90 wall seconds; the sampling reads add a little, and on a
    // 2-core machine running the other cluster tests at the same time a sample due while the
    // last one is still being read is skipped (23 of 31 in one CI-like run), never bunched up.
    expect(file.wallSeconds).toBeGreaterThanOrEqual(90);
    expect(file.wallSeconds).toBeLessThan(240);
    expect(file.samples.length).toBeGreaterThanOrEqual(15);
    for (const [index, sample] of file.samples.entries()) if (index > 0) expect(sample.t).toBeGreaterThan(file.samples[index - 1]!.t);
    expect(file.samples[0]!.t).toBe(0);
    expect(file.samples.at(-1)!.t).toBe(1800);
    // The spike pattern: the trough until minute 6, the peak from 6m18s to 18m, the trough from 18m18s
    // (a sample's t is rounded to the second, so the second at each end of a ramp is left out).
    for (const sample of file.samples) {
      if (sample.t <= 359 || sample.t >= 1099) expect(sample.requestsPerSecond["api-server"], `t=${sample.t}`).toBe(1500);
      if (sample.t >= 379 && sample.t <= 1079) expect(sample.requestsPerSecond["api-server"], `t=${sample.t}`).toBe(30000);
    }
  });

  it("GIVEN the spike WHEN the HPA has seen it THEN it scaled the api-server well above what ran before and the pods became ready", () => {
    const before = during(0, 359);
    const spike = during(360, 1080);
    const beforePeak = Math.max(...before.map((sample) => sample.replicas["api-server"]!));
    const spikePeak = Math.max(...spike.map((sample) => sample.replicas["api-server"]!));
    log(`api-server ready replicas: ${run.result.samples.map((sample) => `${sample.t}s:${sample.replicas["api-server"]}/${sample.desiredReplicas["api-server"]}`).join(" ")}`);
    // 30,000 rps at 1,000 per pod: the HPA wants 30 (35 at most, with the CPU metric's rounding).
    expect(spikePeak).toBeGreaterThanOrEqual(20);
    expect(spikePeak).toBeGreaterThan(beforePeak);
    expect(Math.max(...spike.map((sample) => sample.desiredReplicas["api-server"]!))).toBeLessThanOrEqual(spec.applications["api-server"]!.autoscaling.maxReplicas);
  });

  it("GIVEN the spike WHEN pods were pending THEN Karpenter launched nodes for them, priced into $/h", () => {
    const atStart = karpenterNodes(run.result.samples[0]!);
    const spike = during(360, 1080);
    const peakNodes = Math.max(...spike.map(karpenterNodes));
    log(`Karpenter nodes: ${run.result.samples.map((sample) => `${sample.t}s:${karpenterNodes(sample)}`).join(" ")}; $/h ${run.result.samples.map((sample) => sample.dollarsPerHour.toFixed(2)).join(" ")}`);
    expect(peakNodes).toBeGreaterThan(atStart);
    const peakSample = spike.find((sample) => karpenterNodes(sample) === peakNodes)!;
    expect(peakSample.dollarsPerHour).toBeGreaterThan(run.result.samples[0]!.dollarsPerHour);
    expect(new Set(peakSample.nodes.filter((group) => group.managedBy === "karpenter").map((group) => group.capacityType))).toContain("spot");
    expect([...new Set(peakSample.nodes.filter((group) => group.managedBy === "node-group").map((group) => group.pool))].sort()).toEqual(["application", "system"]);
  });

  it("GIVEN the HPA during the run WHEN its status is read THEN it computed all three metrics: CPU and memory from metrics-server, requests per second from prometheus-adapter", async () => {
    // A metric the HPA could not fetch this time shows as an entry of type "" (the API server keeps its slot).
    const names = (status: HpaStatus) => (status.currentMetrics ?? []).map((metric) => metric.resource?.name ?? metric.pods?.metric.name);
    const complete = observed.filter(
      (status) => names(status).join() === "cpu,memory,http_requests_per_second" && status.conditions?.some((condition) => condition.type === "ScalingActive" && condition.status === "True"),
    );
    log(`HPA statuses read: ${observed.length}, with all three metrics and ScalingActive: ${complete.length}; last: ${JSON.stringify(observed.at(-1))}`);
    // Most of the run, not a lucky instant.
    expect(complete.length).toBeGreaterThan(observed.length / 2);
    // The model's figures reached the HPA: memory at 50% of requests, CPU above idle (10%) under load, a request rate per pod.
    const peak = complete.reduce((best, status) => (status.currentMetrics![0]!.resource!.current.averageUtilization! > best.currentMetrics![0]!.resource!.current.averageUtilization! ? status : best));
    expect(peak.currentMetrics![0]!.resource!.current.averageUtilization).toBeGreaterThan(50);
    expect(complete.every((status) => status.currentMetrics![1]!.resource!.current.averageUtilization === 50)).toBe(true);
    expect(complete.some((status) => parseQuantity(status.currentMetrics![2]!.pods!.current.averageValue) > 500)).toBe(true);
    // The custom metrics API answers through the aggregation layer on the kept cluster too.
    const list = await client.get("/apis/custom.metrics.k8s.io/v1beta1");
    expect(list.status, list.body).toBe(200);
    expect(list.body).toContain("pods/http_requests_per_second");
  });
});
