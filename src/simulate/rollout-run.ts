/**
 * `slipway simulate rollout`: a canary rollout walked by the real Argo Rollouts controller
 * on the simulation cluster, judged by the platform's own AnalysisTemplate against a real
 * Prometheus (docs/simulate.md, "Rollouts").
 *
 * 1. The simulation cluster comes up as for `slipway simulate` (time-compressed spec and
 *    controllers, Prometheus scraping the load exporter); each application's
 *    AnalysisTemplate is re-applied pointing at that Prometheus with compressed timings
 *    (rollout-analysis.ts).
 * 2. Every tick, each application's trough load (half of what `minReplicas` pods serve)
 *    is shared among its ready pods, as `simulate` does; the canary's pods (the Rollout's
 *    new pod template hash) serve it at the chosen success rate, every other pod at 1.
 * 3. The new image tag is set on the Rollout's pod template; the controller walks the
 *    steps, starts the background analysis, and promotes or aborts.
 * 4. Every tick the Rollout, its pods and its AnalysisRuns are read into the timeline
 *    (rollout-recorder.ts), written as DIR/rollout.json and DIR/rollout.txt.
 *
 * A session keeps the cluster between rollouts: the integration test walks an aborted and
 * a promoted rollout on one cluster.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiClient, ApiRequestFailed, ApiServerUnreachable } from "../local/api-client.js";
import { SlipwayError } from "../errors.js";
import { analysisTemplate, analysisTemplateName } from "../gitops/applications/analysis-template.js";
import { applicationImage } from "../gitops/applications/pod-template.js";
import { canarySteps } from "../gitops/applications/rollout.js";
import { down, up, type UpResult } from "../local/local-cluster.js";
import { upSucceeded } from "../local/up-summary.js";
import { IMAGE_TAG_PATTERN } from "../platform-spec/grammars.js";
import { platformNames } from "../platform-spec/names.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { assertOutputWritable } from "../synth/output-directory.js";
import { CRD_API_VERSIONS } from "../versions.js";
import { parseDurationSeconds } from "./duration.js";
import { loadLevels } from "./load-curve.js";
import { LoadExporter } from "./load-exporter.js";
import { analysisTiming, localAnalysisTemplate, type AnalysisTiming } from "./rollout-analysis.js";
import { writeRolloutTimeline } from "./rollout-file.js";
import { POD_TEMPLATE_HASH_LABEL, RolloutRecorder, type CanaryStep, type ObservedAnalysisRun, type ObservedRolloutStatus } from "./rollout-recorder.js";
import { ROLLOUT_SCHEMA_VERSION, type RolloutTimeline } from "./rollout-timeline.js";
import { driveLoad, isReady, listApplicationPods, simulationClusterName, type Pod } from "./simulation-run.js";
import { DEFAULT_SPEED } from "./speed.js";
import { compressTime, type TimeCompression } from "./time-compression.js";
import { usageModel } from "./usage-model.js";

const FIELD_MANAGER = "slipway-simulate-rollout";
const TICK_MS = 500;
/** Wall seconds allowed beyond the steps' compressed pauses for pods, analysis and promotion. */
const SLACK_WALL_SECONDS = 90;

export interface RolloutSessionOptions {
  readonly spec: PlatformSpec;
  /** Simulated seconds per wall second. @default 20 */
  readonly speed?: number;
  readonly crdFolders?: readonly string[];
  readonly charts?: string;
  readonly cwd?: string;
  readonly onProgress?: (line: string) => void;
}

export interface RolloutOptions {
  readonly application: string;
  readonly imageTag: string;
  /** Share of the canary's requests that succeed, 0 to 1. @default 1 */
  readonly successRate?: number;
  /** Folder rollout.json and rollout.txt are written to. */
  readonly outDirectory: string;
}

export interface RolloutRun {
  readonly timeline: RolloutTimeline;
  readonly files: { readonly json: string; readonly summary: string };
}

/** Checks a rollout's options against the spec before minutes are spent bringing a cluster up. */
/** `currentTag`: the tag the application runs now (the spec's, or the last rollout's in a session). */
export function assertRolloutOptions(spec: PlatformSpec, options: RolloutOptions, currentTag = spec.applications[options.application]?.imageTag): void {
  const application = spec.applications[options.application];
  if (application === undefined) {
    throw new SlipwayError("USAGE", `"${options.application}" is not an application of the spec`, { fix: `name one of: ${Object.keys(spec.applications).sort().join(", ") || "(the spec has none)"}` });
  }
  if (!new RegExp(IMAGE_TAG_PATTERN).test(options.imageTag) || options.imageTag === "latest") {
    throw new SlipwayError("USAGE", `--image-tag ${JSON.stringify(options.imageTag)} is not an immutable image tag`, { fix: "pass a tag such as v1.1.0 (letters, digits, _ . -; at most 128; not latest)" });
  }
  if (options.imageTag === currentTag) {
    throw new SlipwayError("USAGE", `--image-tag ${options.imageTag} is the tag ${options.application} already runs: nothing would roll out`, { fix: "pass the new tag to roll out" });
  }
  const rate = options.successRate ?? 1;
  if (!(Number.isFinite(rate) && rate >= 0 && rate <= 1)) throw new SlipwayError("USAGE", `--success-rate ${rate} is not a share from 0 to 1`, { fix: "pass --success-rate 0.97 (3% of the canary's requests fail) or 1" });
  application.canary.steps.forEach((step, index) => {
    if (step.pause === undefined) {
      throw new SlipwayError("SPEC_INVALID", `applications.${options.application}.canary.steps[${index}] has no pause: it waits for a manual promotion, which a simulation does not give`, {
        where: `applications.${options.application}.canary.steps[${index}].pause`,
        fix: "give every step a pause duration to simulate the rollout",
      });
    }
  });
  assertOutputWritable(options.outDirectory);
}

/** Wall seconds the applied steps pause in all: their durations are already divided by the speed factor. */
export function wallSecondsOfPauses(appliedSteps: readonly CanaryStep[]): number {
  return appliedSteps.reduce((sum, step) => sum + (step.pause?.duration === undefined ? 0 : (parseDurationSeconds(step.pause.duration) ?? 0)), 0);
}

/** Brings a simulation cluster up, walks one rollout, and removes the cluster unless `keepCluster`. */
export async function simulateRollout(options: RolloutSessionOptions & RolloutOptions & { readonly keepCluster?: boolean }): Promise<RolloutRun & { readonly cluster: string; readonly up: UpResult }> {
  assertRolloutOptions(options.spec, options);
  const session = await RolloutSession.start(options);
  try {
    const run = await session.rollout(options);
    return { ...run, cluster: session.cluster, up: session.upResult };
  } finally {
    await session.close(options.keepCluster === true);
  }
}

export class RolloutSession {
  private tag = new Map<string, string>();
  private written = new Map<string, string>();
  private lastTick = Date.now();

  private constructor(
    readonly cluster: string,
    readonly upResult: UpResult,
    private readonly spec: PlatformSpec,
    private readonly compression: TimeCompression,
    private readonly timing: AnalysisTiming,
    private readonly client: ApiClient,
    private readonly exporter: LoadExporter,
    private readonly progress: (line: string) => void,
  ) {
    for (const [name, application] of Object.entries(spec.applications)) this.tag.set(name, application.imageTag);
  }

  static async start(options: RolloutSessionOptions): Promise<RolloutSession> {
    const progress = options.onProgress ?? (() => undefined);
    const speed = options.speed ?? DEFAULT_SPEED;
    const compression = compressTime(options.spec, speed);
    const timing = analysisTiming(speed, compression.customMetrics.rateWindow, compression.customMetrics.scrapeInterval);
    const cluster = simulationClusterName(options.spec);
    const exporter = new LoadExporter();
    const exporterPort = await exporter.listen();
    let client: ApiClient | undefined;
    try {
      await down(cluster);
      progress(`bringing up the simulation cluster ${cluster} (time ×${speed})`);
      const upResult = await up({
        spec: compression.spec,
        localName: cluster,
        crdFolders: options.crdFolders ?? [],
        ...(options.charts !== undefined ? { charts: options.charts } : {}),
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        apply: "server-side-apply",
        onProgress: (line) => progress(`  ${line}`),
        simulation: { componentArgs: compression.componentArgs, exporterPort, ...compression.customMetrics },
      });
      if (!upSucceeded(upResult)) progress("warning: the simulation cluster did not come up cleanly (see above); rolling out anyway");
      const pki = join(upResult.state.stateDirectory, "pki");
      client = new ApiClient({ server: upResult.state.server, caCert: join(pki, "ca.crt"), clientCert: join(pki, "admin.crt"), clientKey: join(pki, "admin.key") });
      const prometheusUrl = `http://127.0.0.1:${upResult.state.ports.prometheus}`;
      for (const [name, application] of Object.entries(compression.spec.applications)) {
        const template = localAnalysisTemplate(analysisTemplate(name, application), prometheusUrl, timing);
        const response = await client.apply(`/apis/${CRD_API_VERSIONS.argoRollouts}/namespaces/${application.namespace}/analysistemplates/${analysisTemplateName(name)}`, template, FIELD_MANAGER);
        if (response.status !== 200 && response.status !== 201) {
          throw new SlipwayError("LOCAL_CLUSTER", `could not point the AnalysisTemplate ${application.namespace}/${analysisTemplateName(name)} at the local Prometheus (HTTP ${response.status}): ${response.body.slice(0, 300)}`, {
            where: join(upResult.state.stateDirectory, "logs", "kube-apiserver.log"),
            fix: "run slipway simulate rollout again, which starts a new cluster",
          });
        }
      }
      progress(`AnalysisTemplates query ${prometheusUrl} (interval ${timing.interval}, window ${timing.rateWindow})`);
      return new RolloutSession(cluster, upResult, options.spec, compression, timing, client, exporter, progress);
    } catch (error) {
      client?.close();
      await exporter.close();
      await down(cluster);
      throw error;
    }
  }

  /** Walks one rollout to its end (promoted or aborted) and writes its timeline. */
  async rollout(options: RolloutOptions): Promise<RolloutRun> {
    assertRolloutOptions(this.spec, options, this.tag.get(options.application));
    const name = options.application;
    const application = this.compression.spec.applications[name]!;
    const successRate = options.successRate ?? 1;
    const path = `/apis/${CRD_API_VERSIONS.argoRollouts}/namespaces/${application.namespace}/rollouts/${name}`;
    try {
      const before = await this.waitForSettled(path, application.namespace, name);
      const names = platformNames(this.spec);
      const expected = applicationImage(name, { ...application, imageTag: this.tag.get(name)! }, names);
      const to = applicationImage(name, { ...application, imageTag: options.imageTag }, names);
      const containers = before.spec.template.spec.containers;
      const index = Math.max(0, containers.findIndex((container) => container.image === expected));
      // What the Rollout ran, as it says (the synthesized image unless someone changed it on the kept cluster).
      const from = containers[index]?.image ?? expected;
      // A pod whose hash none of the pods had before the new tag can only be the canary's: it
      // serves the chosen rate from its first request, before the Rollout's status names its hash.
      const known = new Set([before.status?.currentPodHash, before.status?.stableRS, ...(await listApplicationPods(this.client, { [name]: application.namespace })).get(name)!.map((pod) => pod.metadata.labels?.[POD_TEMPLATE_HASH_LABEL])]);
      const isCanary = (hash: string | undefined) => hash !== undefined && !known.has(hash);
      const patch = JSON.stringify([{ op: "replace", path: `/spec/template/spec/containers/${index}/image`, value: to }]);
      const patched = await this.client.send("PATCH", path, patch, "application/json-patch+json", 30000);
      if (patched.status !== 200) throw new ApiRequestFailed("PATCH", path, patched.status, patched.body);
      this.tag.set(name, options.imageTag);
      const started = Date.now();
      const speed = this.compression.factor;
      const steps = canarySteps(application) as CanaryStep[];
      const pauses = wallSecondsOfPauses(steps);
      const deadline = started + (pauses + SLACK_WALL_SECONDS) * 1000;
      this.progress(`rolling out ${application.namespace}/${name} ${from} → ${to}: canary at success rate ${successRate}, the analysis requires ${application.canary.successRate}`);
      // The timeline is in simulated time: its steps carry the spec's pauses (speed.scaled lists what was applied).
      const recorder = new RolloutRecorder(canarySteps(this.spec.applications[name]!) as CanaryStep[], before.status?.currentPodHash);
      let reported = "";
      for (;;) {
        const tickStarted = Date.now();
        const pods = await this.driveTraffic(name, isCanary, successRate);
        const [rollout, runs] = await Promise.all([
          this.client.getJson<{ status?: ObservedRolloutStatus }>(path),
          this.client.getJson<{ items: ObservedAnalysisRun[] }>(`/apis/${CRD_API_VERSIONS.argoRollouts}/namespaces/${application.namespace}/analysisruns`),
        ]);
        const t = ((Date.now() - started) / 1000) * speed;
        const outcome = recorder.observe({ t, status: rollout.status ?? {}, pods: pods.map((pod) => ({ hash: pod.metadata.labels?.[POD_TEMPLATE_HASH_LABEL], ready: isReady(pod) })), analysisRuns: runs.items });
        const line = describeProgress(recorder);
        if (line !== reported) this.progress(`  t=${Math.round(t)}s ${line}`);
        reported = line;
        if (outcome !== undefined) {
          const timeline: RolloutTimeline = {
            schemaVersion: ROLLOUT_SCHEMA_VERSION,
            platform: { name: this.spec.cluster.name, region: this.spec.aws.region },
            application: name,
            namespace: application.namespace,
            image: { from, to },
            servedSuccessRate: successRate,
            requiredSuccessRate: application.canary.successRate,
            requestsPerSecond: loadLevels(application.autoscaling).trough,
            speed: { factor: speed, scaled: [...this.compression.scaled, ...this.timing.scaled] },
            steps: recorder.timelineSteps(),
            analysisRuns: recorder.analysisRuns(),
            outcome,
            message: recorder.lastMessage,
            durationSeconds: Math.round(t * 10) / 10,
            wallSeconds: Math.round((Date.now() - started) / 100) / 10,
          };
          return { timeline, files: await writeRolloutTimeline(options.outDirectory, timeline) };
        }
        if (Date.now() > deadline) {
          throw new SlipwayError("LOCAL_CLUSTER", `the rollout of ${name} neither promoted nor aborted within ${Math.round((deadline - started) / 1000)} wall seconds (its pauses take ${Math.round(pauses)}); last: ${line}; nothing was written`, {
            where: join(this.upResult.state.stateDirectory, "logs", "rollouts-controller.log"),
            fix: "read the Rollouts controller's log; `slipway simulate rollout --keep` leaves the cluster to inspect with kubectl argo rollouts get",
          });
        }
        await sleep(Math.max(0, TICK_MS - (Date.now() - tickStarted)));
      }
    } catch (error) {
      if (!(error instanceof ApiServerUnreachable || error instanceof ApiRequestFailed)) throw error;
      throw new SlipwayError("LOCAL_CLUSTER", `the simulation cluster failed during the rollout: ${error.message}; nothing was written`, {
        where: join(this.upResult.state.stateDirectory, "logs"),
        fix: "read the component logs named above (rollouts-controller.log, kube-apiserver.log); run slipway simulate rollout again, which starts a new cluster",
        cause: error,
      });
    }
  }

  async close(keepCluster = false): Promise<void> {
    this.client.close();
    await this.exporter.close();
    if (!keepCluster) await down(this.cluster);
  }

  /** The rollout idle before the new tag: waits (driving traffic) until the controller has settled, Healthy or Degraded after an abort. */
  private async waitForSettled(path: string, namespace: string, name: string): Promise<{ spec: { template: { spec: { containers: { image: string }[] } } }; status?: ObservedRolloutStatus }> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      await this.driveTraffic(name, () => false, 1);
      const rollout = await this.client.getJson<{ metadata: { generation?: number }; spec: { template: { spec: { containers: { image: string }[] } } }; status?: ObservedRolloutStatus & { observedGeneration?: string } }>(path);
      const phase = rollout.status?.phase;
      if ((phase === "Healthy" || (phase === "Degraded" && rollout.status?.abort === true)) && rollout.status?.currentPodHash !== undefined) return rollout;
      if (Date.now() > deadline) {
        throw new SlipwayError("LOCAL_CLUSTER", `the Rollout ${namespace}/${name} is ${phase ?? "without status"} (${rollout.status?.message ?? "no message"}), not Healthy, 2 minutes after the cluster came up`, {
          where: join(this.upResult.state.stateDirectory, "logs", "rollouts-controller.log"),
          fix: "read the Rollouts controller's log; a rollout starts from a Healthy Rollout",
        });
      }
      await sleep(TICK_MS);
    }
  }

  /** One tick of load: every application's trough rate among its ready pods; the canary pods of `name` at `successRate`. */
  private async driveTraffic(name: string, isCanary: (hash: string | undefined) => boolean, successRate: number): Promise<Pod[]> {
    const applications = Object.fromEntries(Object.entries(this.spec.applications).map(([app, application]) => [app, application.namespace]));
    const models = new Map(Object.entries(this.spec.applications).map(([app, application]) => [app, usageModel(application)]));
    const rates = Object.fromEntries(Object.entries(this.spec.applications).map(([app, application]) => [app, loadLevels(application.autoscaling).trough]));
    const pods = await listApplicationPods(this.client, applications);
    const hashes = new Map([...pods.values()].flat().map((pod) => [`${pod.metadata.namespace}/${pod.metadata.name}`, pod.metadata.labels?.[POD_TEMPLATE_HASH_LABEL]]));
    const canaryNamespace = applications[name];
    const podRates = (await driveLoad(this.client, pods, rates, models, this.written)).map((rate) => {
      const hash = hashes.get(`${rate.namespace}/${rate.pod}`);
      const canary = rate.namespace === canaryNamespace && pods.get(name)!.some((pod) => pod.metadata.name === rate.pod) && isCanary(hash);
      return { ...rate, ...(hash === undefined ? {} : { podTemplateHash: hash }), successRate: canary ? successRate : 1 };
    });
    const now = Date.now();
    this.exporter.advance((now - this.lastTick) / 1000, podRates);
    this.lastTick = now;
    return pods.get(name) ?? [];
  }
}

function describeProgress(recorder: RolloutRecorder): string {
  const step = recorder.timelineSteps().at(-1);
  const runs = recorder.analysisRuns().map((run) => {
    const last = run.measurements.at(-1);
    return `${run.phase}${last === undefined ? "" : ` (${run.measurements.length} measured, last ${last.successRate ?? last.value} ${last.phase})`}`;
  });
  const at = step === undefined ? "waiting for the canary" : `step ${step.index} (${step.setWeight !== undefined ? `setWeight ${step.setWeight}` : `pause ${step.pause}`}), canary ${step.pods.canary} / stable ${step.pods.stable} ready`;
  return `${at}; analysis ${runs.join(", ") || "not started"}${recorder.outcome === undefined ? "" : `; ${recorder.outcome}`}`;
}
