/**
 * `slipway simulate`: drives a load curve through the real controllers of a local cluster
 * of its own and records what they did.
 *
 * 1. The spec's windows and the controllers' timings are divided by the speed factor
 *    (time-compression.ts); the load exporter starts.
 * 2. `up` brings up a local cluster named `<cluster>-simulate` (never the one `up --local`
 *    made: its controllers run with other flags), with Prometheus and prometheus-adapter
 *    serving the custom metrics API. A leftover simulation cluster is removed first.
 * 3. Every tick, the curve's rate of each application is shared among its ready pods: each
 *    pod's kwok usage annotations (what kwok reports to metrics-server) and its request
 *    counter (what Prometheus scrapes) follow it (usage-model.ts). The HPA controller,
 *    the Rollouts controller, the scheduler and Karpenter do the rest.
 * 4. Every sampling interval the cluster is read and sampled (cluster-sample.ts).
 * 5. `DIR/simulation.json` is written (simulation-file.ts) and the cluster removed.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiClient, ApiRequestFailed, ApiServerUnreachable } from "../local/api-client.js";
import { SlipwayError } from "../errors.js";
import { assertOutputWritable } from "../synth/output-directory.js";
import { down, up, type UpResult } from "../local/local-cluster.js";
import { upSucceeded } from "../local/up-summary.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { EC2_ON_DEMAND_PRICES, EC2_PRICES_CHECKED, hourlyPrice, SPOT_PRICE_RATIO } from "../pricing/ec2-prices.js";
import { sampleCluster, type ObservedCluster } from "./cluster-sample.js";
import { requestsPerSecondAt, type LoadCurve } from "./load-curve.js";
import { LoadExporter, type PodRate } from "./load-exporter.js";
import { SIMULATION_SCHEMA_VERSION, type SimulationResult, type SimulationSample } from "./simulation-result.js";
import { writeSimulationResult } from "./simulation-file.js";
import { compressTime } from "./time-compression.js";
import { formatSeconds } from "./duration.js";
import { DEFAULT_SPEED } from "./speed.js";
import { podUsage, usageModel, type UsageModel } from "./usage-model.js";

/** Pod annotations kwok's upstream `usage-from-annotation` ClusterResourceUsage reads. */
export const USAGE_CPU_ANNOTATION = "kwok.x-k8s.io/usage-cpu";
export const USAGE_MEMORY_ANNOTATION = "kwok.x-k8s.io/usage-memory";
export const APPLICATION_LABEL = "app.kubernetes.io/name";

export interface SimulateOptions {
  readonly spec: PlatformSpec;
  readonly curve: LoadCurve;
  /** Simulated seconds per wall second. @default 20 */
  readonly speed?: number;
  /** Folder simulation.json is written to. */
  readonly outDirectory: string;
  /** Simulated seconds between samples. @default max(60, duration / 240) */
  readonly sampleEverySeconds?: number;
  /** As `up --local`: CRD folders, charts, who applies the platform. */
  readonly crdFolders?: readonly string[];
  readonly charts?: string;
  readonly cwd?: string;
  /** @default "server-side-apply": the simulation studies the controllers, not Argo CD's sync, and this is faster. */
  readonly apply?: "argocd" | "server-side-apply";
  /** Leave the simulation cluster running afterwards (for `kubectl` inspection). @default false */
  readonly keepCluster?: boolean;
  readonly onProgress?: (line: string) => void;
}

export interface SimulateRun {
  readonly result: SimulationResult;
  readonly file: string;
  /** The local cluster's name. */
  readonly cluster: string;
  readonly up: UpResult;
}

export function simulationClusterName(spec: PlatformSpec): string {
  return `${spec.cluster.name}-simulate`;
}

export async function simulate(options: SimulateOptions): Promise<SimulateRun> {
  const progress = options.onProgress ?? (() => undefined);
  const speed = options.speed ?? DEFAULT_SPEED;
  const { spec, curve } = options;
  const priceRegion = EC2_ON_DEMAND_PRICES[spec.aws.region] !== undefined ? spec.aws.region : "us-east-1";
  // Every node group's type must have a price before minutes are spent running (Karpenter's are checked by up).
  for (const [group, nodeGroup] of Object.entries(spec.nodeGroups)) {
    for (const type of nodeGroup.instanceTypes) hourlyPrice(priceRegion, type, nodeGroup.capacityType === "SPOT" ? "spot" : "on-demand", `nodeGroups.${group}.instanceTypes`);
  }
  // A bad --out fails now, not after minutes of simulation.
  assertOutputWritable(options.outDirectory);
  const compression = compressTime(spec, speed);
  const sampleEvery = options.sampleEverySeconds ?? Math.max(60, Math.round(curve.durationSeconds / 240));
  const applications = Object.fromEntries(Object.entries(spec.applications).map(([name, application]) => [name, application.namespace]));
  const models = new Map(Object.entries(spec.applications).map(([name, application]) => [name, usageModel(application)]));
  const cluster = simulationClusterName(spec);
  const exporter = new LoadExporter();
  const exporterPort = await exporter.listen();
  let client: ApiClient | undefined;
  try {
    await down(cluster);
    progress(`bringing up the simulation cluster ${cluster} (time ×${speed}: ${compression.scaled.length} windows and timings scaled)`);
    const upResult = await up({
      spec: compression.spec,
      localName: cluster,
      crdFolders: options.crdFolders ?? [],
      ...(options.charts !== undefined ? { charts: options.charts } : {}),
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      apply: options.apply ?? "server-side-apply",
      onProgress: (line) => progress(`  ${line}`),
      simulation: { componentArgs: compression.componentArgs, exporterPort, ...compression.customMetrics },
    });
    if (!upSucceeded(upResult)) {
      // The controllers still run; what `up` could not do (a rejected object, a workload not ready) is said, not hidden.
      const rejected = [...upResult.crds, ...upResult.nodes, ...upResult.applied].filter((entry) => entry.outcome === "rejected").map((entry) => entry.key);
      progress(`warning: the simulation cluster did not come up cleanly (${[...(rejected.length > 0 ? [`rejected: ${rejected.join(", ")}`] : []), ...upResult.workloads.problems].join("; ") || "Applications not all Synced and Healthy"}); simulating anyway`);
    }
    const pki = join(upResult.state.stateDirectory, "pki");
    client = new ApiClient({ server: upResult.state.server, caCert: join(pki, "ca.crt"), clientCert: join(pki, "admin.crt"), clientKey: join(pki, "admin.key") });
    progress(`simulating ${formatSeconds(curve.durationSeconds)} of ${curve.pattern} load at ×${speed} (${formatSeconds(curve.durationSeconds / speed)} wall), a sample every ${formatSeconds(sampleEvery)}`);

    const started = Date.now();
    let samples: SimulationSample[];
    try {
      samples = await driveCurve(client, { curve, speed, sampleEvery, applications, models, exporter, priceRegion, started, progress });
    } catch (error) {
      if (!(error instanceof ApiServerUnreachable || error instanceof ApiRequestFailed)) throw error;
      throw new SlipwayError("LOCAL_CLUSTER", `the simulation cluster failed during the run: ${error.message}; nothing was written`, {
        where: join(upResult.state.stateDirectory, "logs"),
        fix: "read the component logs named above (kube-apiserver.log first); run slipway simulate again, which starts a new cluster",
        cause: error,
      });
    }
    const result: SimulationResult = {
      schemaVersion: SIMULATION_SCHEMA_VERSION,
      platform: { name: spec.cluster.name, region: spec.aws.region },
      load: { pattern: curve.pattern, ...(curve.source !== undefined ? { source: curve.source } : {}) },
      speed: { factor: speed, scaled: [...compression.scaled] },
      durationSeconds: curve.durationSeconds,
      wallSeconds: Math.round((Date.now() - started) / 100) / 10,
      prices: {
        source: `${EC2_ON_DEMAND_PRICES[priceRegion]!.source}${priceRegion !== spec.aws.region ? ` (no table for ${spec.aws.region}: ${priceRegion}'s prices)` : ""}; src/pricing/ec2-prices.ts checked ${EC2_PRICES_CHECKED}; spot = ${SPOT_PRICE_RATIO} × on-demand (assumption)`,
        spotRatio: SPOT_PRICE_RATIO,
      },
      samples,
    };
    const file = await writeSimulationResult(options.outDirectory, result);
    return { result, file, cluster, up: upResult };
  } finally {
    client?.close();
    await exporter.close();
    if (options.keepCluster !== true) await down(cluster);
  }
}

interface CurveRun {
  readonly curve: LoadCurve;
  readonly speed: number;
  readonly sampleEvery: number;
  readonly applications: Readonly<Record<string, string>>;
  readonly models: ReadonlyMap<string, UsageModel>;
  readonly exporter: LoadExporter;
  readonly priceRegion: string;
  /** Wall clock (ms) of simulated second 0. */
  readonly started: number;
  readonly progress: (line: string) => void;
}

/** The simulated clock: every tick drives the load, every sampling interval reads the cluster. */
async function driveCurve(client: ApiClient, run: CurveRun): Promise<SimulationSample[]> {
  const { curve, speed, sampleEvery, applications, models, exporter, started } = run;
  const samples: SimulationSample[] = [];
  const simulatedNow = () => ((Date.now() - started) / 1000) * speed;
  const tickMs = Math.max(250, Math.min(1000, (sampleEvery * 1000) / speed / 2));
  let lastTick = started;
  let nextSample = 0;
  const usage = new Map<string, string>();
  for (;;) {
    const t = Math.min(simulatedNow(), curve.durationSeconds);
    const rates = requestsPerSecondAt(curve, t);
    const pods = await listApplicationPods(client, applications);
    const now = Date.now();
    exporter.advance((now - lastTick) / 1000, await driveLoad(client, pods, rates, models, usage));
    lastTick = now;
    if (t >= nextSample || t >= curve.durationSeconds) {
      const sample = sampleCluster(Math.round(t), rates, await observe(client), { region: run.priceRegion, applications });
      samples.push(sample);
      run.progress(`  t=${formatSeconds(sample.t)} ${describeSample(sample)}`);
      nextSample += sampleEvery;
      while (nextSample <= t) nextSample += sampleEvery;
    }
    if (t >= curve.durationSeconds) return samples;
    await sleep(Math.max(0, tickMs - (Date.now() - now)));
  }
}

export interface Pod {
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string };
  readonly spec?: { nodeName?: string };
  readonly status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

export async function listApplicationPods(client: ApiClient, applications: Readonly<Record<string, string>>): Promise<Map<string, Pod[]>> {
  const byApplication = new Map<string, Pod[]>(Object.keys(applications).map((name) => [name, []]));
  for (const namespace of new Set(Object.values(applications))) {
    const pods = (await client.getJson<{ items: Pod[] }>(`/api/v1/namespaces/${namespace}/pods`)).items;
    for (const pod of pods) {
      const name = pod.metadata.labels?.[APPLICATION_LABEL];
      if (name !== undefined && applications[name] === namespace) byApplication.get(name)!.push(pod);
    }
  }
  return byApplication;
}

export const isReady = (pod: Pod) => pod.metadata.deletionTimestamp === undefined && pod.status?.phase === "Running" && (pod.status.conditions ?? []).some((condition) => condition.type === "Ready" && condition.status === "True");

/**
 * Shares each application's rate among its ready pods: patches the kwok usage annotations
 * that changed, and returns every pod's rate for the exporter (0 for pods not ready, which
 * a Service would send nothing).
 */
export async function driveLoad(client: ApiClient, pods: ReadonlyMap<string, Pod[]>, rates: Readonly<Record<string, number>>, models: ReadonlyMap<string, UsageModel>, written: Map<string, string>): Promise<PodRate[]> {
  const podRates: PodRate[] = [];
  const patches: Promise<void>[] = [];
  for (const [name, all] of pods) {
    const ready = all.filter(isReady);
    const share = podUsage(models.get(name)!, rates[name] ?? 0, ready.length);
    const idle = podUsage(models.get(name)!, 0, 1);
    for (const pod of all) {
      const namespace = pod.metadata.namespace!;
      const serving = ready.includes(pod);
      podRates.push({ namespace, pod: pod.metadata.name, requestsPerSecond: serving ? share.requestsPerSecondPerPod : 0 });
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const wanted = serving ? share : idle;
      const key = `${namespace}/${pod.metadata.name}`;
      const current = `${pod.metadata.annotations?.[USAGE_CPU_ANNOTATION]} ${pod.metadata.annotations?.[USAGE_MEMORY_ANNOTATION]}`;
      const target = `${wanted.cpu} ${wanted.memory}`;
      if (current === target || written.get(key) === target) continue;
      written.set(key, target);
      const body = JSON.stringify({ metadata: { annotations: { [USAGE_CPU_ANNOTATION]: wanted.cpu, [USAGE_MEMORY_ANNOTATION]: wanted.memory } } });
      patches.push(
        client.send("PATCH", `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}`, body, "application/merge-patch+json", 10000).then((response) => {
          // A pod deleted meanwhile (404) needs nothing; any other failure is retried next tick.
          if (response.status !== 200) written.delete(key);
        }),
      );
    }
  }
  await Promise.all(patches);
  return podRates;
}

async function observe(client: ApiClient): Promise<ObservedCluster> {
  const list = async <T>(path: string) => (await client.getJson<{ items: T[] }>(path)).items;
  const [nodes, pods, rollouts, autoscalers] = await Promise.all([
    list<ObservedCluster["nodes"][number]>("/api/v1/nodes"),
    list<ObservedCluster["pods"][number]>("/api/v1/pods"),
    list<ObservedCluster["rollouts"][number]>("/apis/argoproj.io/v1alpha1/rollouts"),
    list<ObservedCluster["autoscalers"][number]>("/apis/autoscaling/v2/horizontalpodautoscalers"),
  ]);
  return { nodes, pods, rollouts, autoscalers };
}

function describeSample(sample: SimulationSample): string {
  const apps = Object.keys(sample.replicas)
    .map((name) => `${name} ${Math.round(sample.requestsPerSecond[name] ?? 0)} rps ${sample.replicas[name]}/${sample.desiredReplicas[name]} ready/desired`)
    .join(", ");
  const karpenter = sample.nodes.filter((group) => group.managedBy === "karpenter").reduce((sum, group) => sum + group.count, 0);
  const all = sample.nodes.reduce((sum, group) => sum + group.count, 0);
  return `${apps}; ${sample.pendingPods} pending; ${all} nodes (${karpenter} Karpenter); $${sample.dollarsPerHour.toFixed(2)}/h`;
}

