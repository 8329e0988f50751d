/**
 * `slipway up --local`, `status` and `down`: a real Kubernetes control plane on loopback
 * with the platform applied to it.
 *
 * `up` is idempotent and resumable: a cluster that is already running is reused, a
 * component that died (an API server killed mid-apply) is started again with the same
 * certificates, ports and etcd data, and applying is server-side apply, so running `up`
 * again converges to the spec instead of starting over.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SlipwayError } from "../errors.js";
import { synthesizeGitOps } from "../gitops/synthesize.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { LOCAL_CONTROL_PLANE } from "../versions.js";
import { ApiClient } from "./api-client.js";
import { objectsOfTree, planApply, type PlannedObject, type ServedKinds, type SkippedObject } from "./apply-plan.js";
import { addonObjects, renderAvailableAddons } from "./addon-objects.js";
import { localPersistentVolumes } from "./local-volumes.js";
import { addonSelectors, podsPerAddon, type AddonPods } from "./addon-pods.js";
import { ChartResolver } from "../charts/chart-resolver.js";
import type { KubeObject } from "../manifest/kube-object.js";
import { AGGREGATED_SERVICE_NAMES, customMetricsApiObjects, metricsApiObjects } from "./metrics-api.js";
import { adapterConfig, prometheusConfig } from "./custom-metrics-config.js";
import { ensureBinaries, type BinaryPaths } from "./binaries.js";
import { CLIENT_IDENTITIES, createPki, type ClientName, type Pki } from "./certificates.js";
import { renderCacheDirectory } from "./rendered-addons-cache.js";
import { readClusterState, stateFile, writeClusterState, type ClusterState } from "./cluster-state.js";
import { ARGOCD_COMPONENTS, componentProcesses, customMetricsLayout, KUBERNETES_SERVICE_IP, type ClusterLayout, type ClusterPorts, type ComponentName } from "./components.js";
import { groupKind, installCrds, neededCrds, readCrds } from "./crd-install.js";
import { localControlPlaneCrdDirectories, platformCrdDirectories } from "../tools/go-module-crds.js";
import { addonEnabled } from "../gitops/addons/catalog.js";
import { platformNames } from "../platform-spec/names.js";
import { localInstanceTypes, renderInstanceTypes } from "./karpenter-instance-types.js";
import { kwokNodeClasses } from "./kwok-node-classes.js";
import { KWOK_METRICS_PATH_STAGE } from "./kwok-metrics-path-stage.js";
import { localNodePool } from "./local-node-pool.js";
import { recheckStaleNotReadyTaints } from "./stale-node-taints.js";
import { fakeNodes } from "./fake-nodes.js";
import { freePorts } from "./free-port.js";
import { renderKubeconfig } from "./kubeconfig.js";
import { clusterStateDirectory } from "./local-paths.js";
import { isRunning, startProcess, stopProcess, type RunningProcess } from "./process-supervisor.js";
import { apiServerFailure, resumeAfterApiServerLoss } from "./resume-up.js";
import { allSettled, applyArgoCdBootstrap, isSettled, notWaitedFor, prepareArgoCdHost, prepareRepositories, waitForApplications, type ApplicationStatus, type ArgoCdRepositories, type UnservedApplication } from "./argocd-sync.js";
import { LOCAL_EXCLUSIONS } from "./argocd-objects.js";
import { localTree } from "./local-tree.js";
import { crdObjectsFromFiles } from "../charts/api-versions.js";
import { clusterArn, isEksCapability } from "../gitops/argocd/eks-capability.js";
import { isListening } from "./repository-proxy.js";
import { clusterTool, findOnPath } from "../tools/cluster-tools.js";
import { fileURLToPath } from "node:url";
import { applyObjects, discoverServedKinds, type ApplyResult } from "./server-side-apply.js";
import { summarizeWorkloads, takeSnapshot, waitForWorkloads, type WorkloadSummary } from "./workload-status.js";

export interface UpOptions {
  readonly spec: PlatformSpec;
  /** Folders of CRD YAML files to install before applying the platform. */
  readonly crdFolders: readonly string[];
  readonly onProgress?: (line: string) => void;
  /** `--charts DIR|URL`: Helm repository of the pinned charts; when absent, SLIPWAY_CHARTS, the chart cache, then `helm pull`. */
  readonly charts?: string;
  /** Folder a relative `charts` is resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** How long to wait for workloads to be Running (and, with Argo CD, Applications Synced and Healthy). @default 120000, 600000 for Argo CD's Applications */
  readonly waitTimeoutMs?: number;
  /**
   * Who applies the platform: `argocd` (default) runs the real Argo CD, which syncs the
   * repository from the root Application down; `server-side-apply` has `up` apply the
   * repository's objects and the rendered add-ons itself, in dependency order (faster,
   * and proves admission, but not Argo CD's sync).
   */
  readonly apply?: "argocd" | "server-side-apply";
  /** Name of the local cluster (its state folder), when it is not the spec's cluster name: `slipway simulate` runs its own. */
  readonly localName?: string;
  /** Set by `slipway simulate`: the custom metrics path and the time-compressed controller flags. */
  readonly simulation?: SimulationComponents;
}

export interface SimulationComponents {
  /** Flags appended to components' defaults (time compression). */
  readonly componentArgs: Readonly<Partial<Record<ComponentName, readonly string[]>>>;
  /** The load exporter Prometheus scrapes, on 127.0.0.1. */
  readonly exporterPort: number;
  readonly scrapeInterval: string;
  /** prometheus-adapter's rule window and relist interval. */
  readonly rateWindow: string;
  readonly relistInterval: string;
}

/** The local cluster's name: its state folder under ~/.cache/slipway/local (local-paths.ts). */
export function localName(options: Pick<UpOptions, "spec" | "localName">): string {
  return options.localName ?? options.spec.cluster.name;
}

export interface UpResult {
  readonly state: ClusterState;
  readonly crds: readonly ApplyResult[];
  readonly nodes: readonly ApplyResult[];
  readonly applied: readonly ApplyResult[];
  readonly skipped: readonly SkippedObject[];
  readonly notRendered: readonly SkippedObject[];
  /** Rendered add-on objects not applied because they cannot work on kwok fake nodes, with the reason. */
  readonly held: readonly SkippedObject[];
  /** Pods of every rendered add-on, by Application name. */
  readonly addons: readonly AddonPods[];
  readonly workloads: WorkloadSummary;
  /** With Argo CD: every Application's sync and health, in wave order, and what the local Argo CD does differently. */
  readonly argoCd?: ArgoCdSummary;
  readonly seconds: number;
}

export interface ArgoCdSummary {
  readonly version: string;
  readonly commit: string;
  readonly applications: readonly ApplicationStatus[];
  /** Seconds from the root Application's creation until every Application was Synced and Healthy (undefined: not reached). */
  readonly settledSeconds?: number;
  /**
   * Whether this run created the root Application, so its children's timestamps tell how
   * one whole sync went, wave by wave. On a running cluster they are older than the run.
   */
  readonly rootCreatedNow: boolean;
  readonly notServed: readonly string[];
  /** Applications that cannot sync here (a source not served locally): not waited for. */
  readonly unservedApplications: readonly UnservedApplication[];
  /** Applications in the cluster that the tree does not have (made by hand, or left by an earlier spec): not waited for. */
  readonly notInTree: readonly string[];
}

const READY_TIMEOUT_MS = 60000;
/** An API server that stops answering is restarted and `up` resumed this many times before it gives up. */
const API_SERVER_RESUMES = 2;

export async function up(options: UpOptions): Promise<UpResult> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const binaries = await ensureBinaries({ onProgress: progress });
  const stateDirectory = clusterStateDirectory(localName(options));
  const layout = await prepareLayout(stateDirectory, binaries, platformNames(options.spec).identities.karpenter.namespace, progress, options.simulation);
  const state = await startComponents(layout, localName(options), ["etcd", "kube-apiserver"], progress);
  const client = adminClient(layout.pki, state.server);
  try {
    return await resumeAfterApiServerLoss(() => bringUp(options, layout, state, client, started, progress), {
      resumes: API_SERVER_RESUMES,
      onResume: (error, resume) => progress(`${error.message}; restarting it and resuming (${resume}/${API_SERVER_RESUMES})`),
    });
  } catch (error) {
    throw apiServerFailure(error, join(stateDirectory, "logs", "kube-apiserver.log"), API_SERVER_RESUMES) ?? error;
  } finally {
    client.close();
  }
}

async function bringUp(
  options: UpOptions,
  layout: Layout,
  initialState: ClusterState,
  client: ApiClient,
  started: number,
  progress: (line: string) => void,
): Promise<UpResult> {
  let state = initialState;
  const viaArgoCd = (options.apply ?? "argocd") === "argocd";
  // The platform, the add-ons' render and the CRDs to install need nothing from the
  // cluster: worked out while the API server starts, and awaited once it serves.
  const preparing = platformAndCrds(options, layout, viaArgoCd);
  preparing.catch(() => undefined); // awaited below, where a failure is thrown
  try {
    // A restarted API server can lose the race for its port to the dying one; keep it started.
    await waitForApiServer(client, layout, async () => {
      state = await startComponents(layout, localName(options), ["etcd", "kube-apiserver"], progress);
    });
    state = await startComponents(layout, localName(options), ["kube-controller-manager", "kube-scheduler", "kwok", "metrics-server"], progress);
    const metricsApi = await applyObjects(client, plannedLocalObjects(metricsApiObjects(layout.ports.metricsServer, layout.pki.caCert), await discoverServedKinds(client)));
    for (const result of metricsApi) if (result.outcome === "rejected") progress(`  rejected ${result.key}: ${result.reason}`);
    if (options.simulation !== undefined) state = await startCustomMetrics(layout, localName(options), client, options.simulation, progress);
  } finally {
    await preparing.catch(() => undefined);
  }

  const { tree, localNodeClasses, platformObjects, resolver, rendered, addons, addonInputs, crdPlan } = await preparing;
  progress(`${rendered.fromCache ? "reused the cached render of" : "rendered"} ${rendered.addons.length} add-ons from their charts${rendered.unavailable.size > 0 ? ` (${rendered.unavailable.size} charts not available)` : ""}`);
  if (rendered.cacheProblem !== undefined) progress(`  not cached: ${rendered.cacheProblem}`);
  progress(crdPlan.summary);
  // While the API server establishes the CRDs, Argo CD's repository side gets ready: the
  // served repositories, Redis and the repo-server need none of them.
  const [crds, argoCdRepositories] = await bothSettled(
    installCrds(client, crdPlan.crds),
    viaArgoCd ? serveArgoCdRepositories(options, layout, tree, platformObjects.map(({ object }) => object), resolver, progress) : Promise.resolve(undefined),
  );
  if (argoCdRepositories !== undefined) state = argoCdRepositories.state;

  let served = await discoverServedKinds(client);
  const nodeKind = served.get("v1/Node")!;
  const nodeObjects = fakeNodes(options.spec, LOCAL_CONTROL_PLANE.kubernetes).map((object) => ({ object, source: "spec.nodeGroups", served: nodeKind }));
  progress(`creating ${nodeObjects.length} fake nodes (kwok) from spec.nodeGroups`);
  const nodes = await applyObjects(client, nodeObjects);
  const retainted = await recheckStaleNotReadyTaints(client);
  if (retainted.length > 0) progress(`asking the node controller to re-check ${retainted.join(", ")}: Ready but still tainted not-ready`);

  if (served.has("argoproj.io/v1alpha1/Rollout")) {
    state = await startComponents(layout, localName(options), ["rollouts-controller"], progress);
  }
  // Karpenter, not `up`, makes the application capacity: pending pods become NodeClaims,
  // which its kwok provider turns into nodes that kwok keeps Ready.
  if (addonEnabled(options.spec, "karpenter") && served.has("karpenter.sh/v1/NodePool") && served.has("karpenter.kwok.sh/v1alpha1/KWOKNodeClass")) {
    const offered = localInstanceTypes(options.spec);
    for (const note of offered.notes) progress(note);
    const instanceTypes = renderInstanceTypes(offered.types);
    const previous = existsSync(layout.karpenterInstanceTypesFile) ? await readFile(layout.karpenterInstanceTypesFile, "utf8") : undefined;
    if (previous !== instanceTypes) {
      await writeFile(layout.karpenterInstanceTypesFile, instanceTypes);
      // Karpenter reads the file once at start: a spec that changed families, sizes or region needs a restart.
      state = await stopComponents(layout.stateDirectory, ["karpenter"], () => progress("restarting karpenter: its instance types changed"));
    }
    state = await startComponents(layout, localName(options), ["karpenter"], progress);
  }

  served = await discoverServedKinds(client);
  const claimants = [...platformObjects, ...addonInputs];
  const volumes = localPersistentVolumes(claimants).map((object) => ({ object, source: "local stand-in for a volume the EBS CSI driver provisions on EKS" }));
  // Served exactly when viaArgoCd: branching on the repositories themselves lets the compiler see that.
  if (argoCdRepositories !== undefined) {
    // Local stand-ins Argo CD does not own (they are not in the repository): volumes and KWOKNodeClasses.
    const applied = await applyObjects(client, plannedLocalObjects([...volumes, ...localNodeClasses].map(({ object }) => object), served));
    const argoCd = await syncWithArgoCd(options, layout, client, tree, argoCdRepositories.repositories, platformObjects.map(({ object }) => object), progress);
    state = argoCd.state;
    const { summary: workloads, snapshot } = await waitForWorkloads(client, {
      timeoutMs: 60000,
      stableMs: 10000,
      onProgress: (summary) => progress(`  ${summary.runningPods} pods Running; waiting for ${summary.unreadyWorkloads.join(", ") || summary.notRunningPods.join(", ")}`),
    });
    const addonPods = podsPerAddon(rendered.addons.map((addon) => addon.application), addonSelectors(addonInputs), snapshot);
    const held = LOCAL_EXCLUSIONS.map(({ group, kinds, reason }) => ({ key: `${kinds.join(", ")} (${group})`, source: "Argo CD resource.exclusions on the local cluster", reason }));
    return { state, crds, nodes, applied, skipped: [], notRendered: [], held, addons: addonPods, workloads, argoCd: argoCd.summary, seconds: Math.round((Date.now() - started) / 100) / 10 };
  }
  // An earlier `--apply argocd` run's Argo CD would sync the repository over what this mode applies.
  state = await stopComponents(layout.stateDirectory, [...ARGOCD_COMPONENTS].reverse(), (name) => progress(`stopping ${name}: --apply server-side-apply applies the platform itself`));
  const plan = planApply([...claimants, ...volumes], served, {
    renderedApplications: new Set(rendered.addons.map((addon) => addon.application)),
    notRenderedReasons: rendered.unavailable,
  });
  const applied: ApplyResult[] = [];
  for (const phase of plan.phases) {
    if (phase.objects.length === 0) continue;
    progress(`applying ${phase.objects.length} objects: ${phase.name}`);
    const results = await applyObjects(client, phase.objects);
    for (const result of results) if (result.outcome === "rejected") progress(`  rejected ${result.key}: ${result.reason}`);
    applied.push(...results);
  }

  progress("waiting for workloads to be scheduled and Running");
  const { summary: workloads, snapshot } = await waitForWorkloads(client, {
    timeoutMs: options.waitTimeoutMs ?? 120000,
    // Controllers that restarted with the API server (Rollouts, the scheduler) can take
    // tens of seconds on a loaded 2-core machine before their first change.
    stableMs: 60000,
    onProgress: (summary) => progress(`  ${summary.runningPods} pods Running; waiting for ${summary.unreadyWorkloads.join(", ") || summary.notRunningPods.join(", ")}`),
  });
  const addonPods = podsPerAddon(rendered.addons.map((addon) => addon.application), addonSelectors(addonInputs), snapshot);
  return { state, crds, nodes, applied, skipped: plan.skipped, notRendered: plan.notRendered, held: addons.held, addons: addonPods, workloads, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

type Layout = ClusterLayout & { server: string; kubeconfig: string };

/**
 * `slipway simulate`'s custom metrics path: Prometheus scraping the load exporter, and
 * prometheus-adapter registered as `v1beta1.custom.metrics.k8s.io`. Both are rewritten and
 * restarted on every call: their configuration names the exporter's port, which is new each run.
 */
async function startCustomMetrics(layout: Layout, clusterName: string, client: ApiClient, simulation: SimulationComponents, progress: (line: string) => void): Promise<ClusterState> {
  const customMetrics = layout.customMetrics!;
  if (findOnPath(customMetrics.prometheusBinary) === undefined) {
    throw new SlipwayError("TOOL_UNAVAILABLE", "prometheus is not on the PATH; slipway simulate serves http_requests_per_second from it", {
      fix: "install Prometheus (Debian/Ubuntu: `apt-get install prometheus`; macOS: `brew install prometheus`), or run bash scripts/setup.sh, and run the command again",
    });
  }
  await mkdir(customMetrics.prometheusData, { recursive: true });
  await writeFile(customMetrics.prometheusConfig, prometheusConfig(simulation.exporterPort, simulation.scrapeInterval));
  await writeFile(customMetrics.adapterConfig, adapterConfig(simulation.rateWindow));
  // Both read their configuration once: restarted, with the adapter (started last) stopped first.
  await stopComponents(layout.stateDirectory, ["prometheus-adapter", "prometheus"], () => undefined);
  const state = await startComponents(layout, clusterName, ["prometheus", "prometheus-adapter"], progress);
  await waitForListening(layout, "prometheus", layout.ports.prometheus);
  await waitForListening(layout, "prometheus-adapter", layout.ports.prometheusAdapter);
  const registered = await applyObjects(client, plannedLocalObjects(customMetricsApiObjects(layout.ports.prometheusAdapter, layout.pki.caCert), await discoverServedKinds(client)));
  for (const result of registered) if (result.outcome === "rejected") progress(`  rejected ${result.key}: ${result.reason}`);
  return state;
}

/** Waits until a component answers on its port; one that does not is named with its log. */
async function waitForListening(layout: Layout, component: ComponentName, port: number, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isListening(port)) return;
    await sleep(250);
  }
  throw new SlipwayError("LOCAL_CLUSTER", `${component} did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000}s`, {
    where: join(layout.stateDirectory, "logs", `${component}.log`),
    fix: "read the log named above; `slipway down` then `slipway up --local` starts over",
  });
}

/**
 * The platform as the local cluster gets it: the GitOps tree Argo CD is served, its
 * objects with the local KWOKNodeClasses, and the add-ons rendered from their charts (or
 * the machine's cached render of the same inputs, rendered-addons-cache.ts). Also what
 * `bench/local-up.ts` calls first, so its timed `up` is warm like a user's second one.
 */
export async function localPlatform(options: Pick<UpOptions, "spec" | "charts" | "cwd">) {
  // The repository as Argo CD applies it, but for the NodePools' nodeClassRef, which points
  // at the KWOKNodeClass of the same name (one per EC2NodeClass) so the local Karpenter
  // launches kwok nodes: the one change the served repository has (local-tree.ts).
  const tree = localTree(synthesizeGitOps(options.spec), isEksCapability(options.spec) ? clusterArn(platformNames(options.spec)) : undefined);
  const repositoryObjects = objectsOfTree(tree);
  const localNodeClasses = kwokNodeClasses(repositoryObjects.map(({ object }) => object)).map((object) => ({ object, source: "local stand-in for the EC2NodeClass of the same name (Karpenter's kwok provider)" }));
  const platformObjects = [...repositoryObjects, ...localNodeClasses];
  const resolver = new ChartResolver({ ...(options.charts !== undefined ? { charts: options.charts } : {}), ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) });
  const rendered = await renderAvailableAddons(
    platformObjects.map(({ object }) => object),
    resolver,
    options.spec.cluster.kubernetesVersion,
    renderCacheDirectory(),
  );
  return { tree, localNodeClasses, platformObjects, resolver, rendered };
}

/**
 * The platform as the local cluster gets it (localPlatform), the add-ons' objects split
 * into CRDs and the rest, and the CRDs to install: the charts' CRDs of kinds something
 * uses, then the Go modules' and --crds folders' (which win), then Argo CD's own.
 */
async function platformAndCrds(options: UpOptions, layout: Layout, viaArgoCd: boolean) {
  const platform = await localPlatform(options);
  const addons = addonObjects(platform.rendered.addons);
  const chartCrds = addons.objects.filter(({ object }) => object.kind === "CustomResourceDefinition");
  const addonInputs = addons.objects.filter(({ object }) => object.kind !== "CustomResourceDefinition");
  // The pinned add-ons' CRDs (Argo Rollouts' at the controller's version, Karpenter's)
  // come from their Go modules; --crds folders come later and win. Both win over the
  // charts' copies of the same CRD: the local controllers are built from those modules.
  const folders = [...(await platformCrdDirectories()), ...(await localControlPlaneCrdDirectories()), ...options.crdFolders];
  const usedKinds = new Set([...platform.platformObjects, ...addonInputs].map(({ object }) => groupKind(object)));
  const selection = await readCrds(folders, usedKinds);
  const crdKind = { resource: "customresourcedefinitions", namespaced: false } as const;
  // As with --crds, only the charts' CRDs of kinds something uses: each CRD makes the API
  // server rebuild its OpenAPI document (crd-install.ts).
  const usedChartCrds = neededCrds(chartCrds.map(({ object, source }) => ({ object, source, served: crdKind })), usedKinds);
  const crdsByName = new Map<string, PlannedObject>(usedChartCrds.map((crd) => [crd.object.metadata.name, crd]));
  for (const crd of selection.needed) crdsByName.set(crd.object.metadata.name, crd);
  if (viaArgoCd) for (const crd of crdObjectsFromFiles([await readFile(layout.binaries.argoCdCrds, "utf8")])) crdsByName.set(crd.metadata.name, { object: crd, source: layout.binaries.argoCdCrds, served: crdKind });
  const crdPlan = {
    crds: [...crdsByName.values()].sort((a, b) => (a.object.metadata.name < b.object.metadata.name ? -1 : 1)),
    summary: `installing the ${crdsByName.size} CRDs the platform and its add-ons use: ${usedChartCrds.length} of the charts' ${chartCrds.length}, ${selection.needed.length} from ${folders.join(", ")} (of ${selection.available})`,
  };
  return { ...platform, addons, addonInputs, crdPlan };
}

/** Both results once both promises have settled; the first failure, if any, after both are done. */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === "rejected") throw first.reason;
  if (second.status === "rejected") throw second.reason;
  return [first.value, second.value];
}

/** Serves the GitOps tree and the charts, and starts Redis and Argo CD's repo-server: nothing here needs the CRDs. */
async function serveArgoCdRepositories(
  options: UpOptions,
  layout: Layout,
  tree: ReadonlyMap<string, string>,
  objects: readonly KubeObject[],
  resolver: ChartResolver,
  progress: (line: string) => void,
): Promise<{ state: ClusterState; repositories: ArgoCdRepositories }> {
  const repositories = await prepareRepositories({ tree, objects, resolver, layout });
  progress(`serving the GitOps tree (commit ${repositories.repository.commit.slice(0, 12)}) and ${repositories.proxyConfig.charts.reduce((total, repository) => total + repository.charts.length, 0)} charts at the URLs the Applications name`);
  if (findOnPath("redis-server") === undefined && layout.argoCd.redisServer === "redis-server") {
    throw new SlipwayError("TOOL_UNAVAILABLE", "redis-server is not on the PATH; Argo CD keeps its cache in Redis", {
      fix: "install Redis (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`) and run `slipway up --local` again",
    });
  }
  await prepareArgoCdHost(layout, repositories, { helm: await clusterTool("helm"), kustomize: await clusterTool("kustomize") });
  // The proxy reads its configuration once: a new tree or new charts need a new proxy.
  await stopComponents(layout.stateDirectory, ["repository-proxy"], () => undefined);
  if (!existsSync(layout.argoCd.proxyMain)) {
    throw new SlipwayError("LOCAL_CLUSTER", `the repository proxy's entry point ${layout.argoCd.proxyMain} is missing`, {
      where: layout.argoCd.proxyMain,
      fix: "run `npm run build` (an installed Slipway ships it in dist/)",
    });
  }
  await startComponents(layout, localName(options), ["redis", "repository-proxy"], progress);
  await waitForListening(layout, "redis", layout.ports.redis);
  await waitForListening(layout, "repository-proxy", layout.ports.repositoryProxy);
  const state = await startComponents(layout, localName(options), ["argocd-repo-server"], progress);
  await waitForListening(layout, "argocd-repo-server", layout.ports.argoCdRepoServer);
  return { state, repositories };
}

/** Applies Argo CD's bootstrap, starts its application-controller and waits for every Application to be Synced and Healthy. */
async function syncWithArgoCd(
  options: UpOptions,
  layout: Layout,
  client: ApiClient,
  tree: ReadonlyMap<string, string>,
  repositories: ArgoCdRepositories,
  objects: readonly KubeObject[],
  progress: (line: string) => void,
): Promise<{ state: ClusterState; summary: ArgoCdSummary }> {
  // Whole seconds, as creationTimestamp has them.
  const bootstrapStarted = Math.floor(Date.now() / 1000) * 1000;
  await applyArgoCdBootstrap(client, { objects, tree, repositories, proxyPort: layout.ports.repositoryProxy, secretFile: join(layout.argoCd.dataDirectory, "server-secret-key") });
  const rootCreated = Date.now();
  const state = await startComponents(layout, localName(options), ["argocd-application-controller"], progress);
  progress(`Argo CD ${LOCAL_CONTROL_PLANE.argoCd.version} is syncing the root Application; waiting for every Application to be Synced and Healthy`);
  let settledAt: number | undefined;
  const unserved = new Set(repositories.unservedApplications.map((application) => application.name));
  const treeApplications = new Set(objects.filter((object) => object.kind === "Application").map((object) => object.metadata.name));
  const applications = await waitForApplications(client, {
    commit: repositories.repository.commit,
    timeoutMs: options.waitTimeoutMs ?? 600000,
    unserved,
    tree: treeApplications,
    onProgress: (statuses) => {
      const ignored = notWaitedFor(statuses, { unserved, tree: treeApplications });
      const pending = statuses.filter((status) => !isSettled(status) && !ignored.has(status.name));
      progress(`  ${statuses.length - pending.length}/${statuses.length} Applications Synced and Healthy; waiting for ${pending.map((status) => `${status.name} (${status.sync}/${status.health})`).join(", ") || "the root"}`);
    },
  });
  if (applications.length > 0 && allSettled(applications, notWaitedFor(applications, { unserved, tree: treeApplications }))) settledAt = Date.now();
  return {
    state,
    summary: {
      version: LOCAL_CONTROL_PLANE.argoCd.version,
      commit: repositories.repository.commit,
      applications,
      ...(settledAt !== undefined ? { settledSeconds: Math.round((settledAt - rootCreated) / 100) / 10 } : {}),
      rootCreatedNow: Date.parse(applications.find((application) => application.name === "root")?.createdAt ?? "") >= bootstrapStarted,
      notServed: repositories.notServed,
      unservedApplications: repositories.unservedApplications,
      notInTree: applications.filter((application) => !treeApplications.has(application.name)).map((application) => application.name),
    },
  };
}

/** Objects `up` adds for the local cluster itself (not from the repository). */
function plannedLocalObjects(objects: readonly KubeObject[], served: ServedKinds): PlannedObject[] {
  return objects.map((object) => {
    const kind = served.get(`${object.apiVersion}/${object.kind}`);
    if (kind === undefined) throw new Error(`the API server does not serve ${object.apiVersion} ${object.kind}`);
    return { object, source: "local control plane", served: kind };
  });
}

export interface StatusResult {
  readonly state: ClusterState;
  readonly components: readonly { name: string; pid: number; running: boolean }[];
  readonly apiServerReady: boolean;
  readonly workloads?: WorkloadSummary;
}

export async function status(clusterName: string): Promise<StatusResult | undefined> {
  const state = readClusterState(clusterStateDirectory(clusterName));
  if (state === undefined) return undefined;
  const components = state.processes.map((process) => ({ name: process.name, pid: process.pid, running: isRunning(process) }));
  const client = adminClient(pkiPaths(join(state.stateDirectory, "pki")), state.server);
  try {
    const apiServerReady = (await client.get("/readyz", 2000)).status === 200;
    const workloads = apiServerReady ? summarizeWorkloads(await takeSnapshot(client)) : undefined;
    return { state, components, apiServerReady, workloads };
  } finally {
    client.close();
  }
}

/** Stops every process of the cluster (last started first, by stopComponents) and removes its state folder. */
export async function down(clusterName: string): Promise<{ stopped: readonly string[]; stateDirectory: string } | undefined> {
  const stateDirectory = clusterStateDirectory(clusterName);
  const state = readClusterState(stateDirectory);
  if (state === undefined && !existsSync(stateDirectory)) return undefined;
  const stopped: string[] = [];
  if (state !== undefined) {
    await stopComponents(stateDirectory, state.processes.map((process) => process.name).reverse(), (name) => stopped.push(name));
  }
  await rm(stateDirectory, { recursive: true, force: true });
  return { stopped, stateDirectory };
}

/** Kubeconfig path of a running cluster, or undefined when there is none. */
export function kubeconfigOf(clusterName: string): string | undefined {
  return readClusterState(clusterStateDirectory(clusterName))?.kubeconfig;
}

/** PKI, ports and kubeconfigs: made on the first `up`, read back from the state after that. */
async function prepareLayout(
  stateDirectory: string,
  binaries: BinaryPaths,
  karpenterNamespace: string,
  progress: (line: string) => void,
  simulation: SimulationComponents | undefined,
): Promise<Layout> {
  const existing = readClusterState(stateDirectory);
  const pkiDirectory = join(stateDirectory, "pki");
  let pki: Pki;
  let ports: ClusterPorts;
  if (existing !== undefined && existsSync(join(pkiDirectory, "ca.crt"))) {
    pki = pkiPaths(pkiDirectory);
    ports = existing.ports;
    // A cluster made by an older Slipway lacks a component's certificate or ports (Karpenter's, Argo CD's).
    const withoutCertificate = Object.entries(pki.clients).find(([, pair]) => !existsSync(pair.cert))?.[0];
    const portNames = ["karpenterMetrics", "karpenterHealth", "redis", "argoCdRepoServer", "argoCdRepoServerMetrics", "argoCdControllerMetrics", "repositoryProxy", "prometheus", "prometheusAdapter"] as const;
    const withoutPort = portNames.find((name) => typeof (ports as Partial<ClusterPorts>)[name] !== "number");
    const missing = withoutCertificate !== undefined ? `client certificate for ${withoutCertificate}` : withoutPort !== undefined ? `port ${withoutPort}` : undefined;
    if (missing !== undefined) {
      throw new SlipwayError("LOCAL_CLUSTER", `the local cluster ${existing.clusterName} was created by an older Slipway: its state has no ${missing}`, {
        where: stateDirectory,
        fix: "run `slipway down` and then `slipway up --local` to create it again",
      });
    }
  } else {
    progress(`creating the local cluster's state in ${stateDirectory}`);
    await rm(stateDirectory, { recursive: true, force: true });
    await mkdir(join(stateDirectory, "logs"), { recursive: true });
    pki = await createPki(pkiDirectory, KUBERNETES_SERVICE_IP, AGGREGATED_SERVICE_NAMES);
    const [etcdClient, etcdPeer, apiServer, kwok, rolloutsMetrics, rolloutsHealth, metricsServer, karpenterMetrics, karpenterHealth, redis, argoCdRepoServer, argoCdRepoServerMetrics, argoCdControllerMetrics, repositoryProxy, prometheus, prometheusAdapter] =
      await freePorts(16);
    ports = {
      etcdClient: etcdClient!,
      etcdPeer: etcdPeer!,
      apiServer: apiServer!,
      kwok: kwok!,
      rolloutsMetrics: rolloutsMetrics!,
      rolloutsHealth: rolloutsHealth!,
      metricsServer: metricsServer!,
      redis: redis!,
      argoCdRepoServer: argoCdRepoServer!,
      argoCdRepoServerMetrics: argoCdRepoServerMetrics!,
      argoCdControllerMetrics: argoCdControllerMetrics!,
      repositoryProxy: repositoryProxy!,
      karpenterMetrics: karpenterMetrics!,
      karpenterHealth: karpenterHealth!,
      prometheus: prometheus!,
      prometheusAdapter: prometheusAdapter!,
    };
  }
  const server = `https://127.0.0.1:${ports.apiServer}`;
  const kubeconfigFor = async (client: ClientName, file: string) => {
    const path = join(stateDirectory, file);
    await writeFile(path, renderKubeconfig({ contextName: "slipway-local", server, caCert: pki.caCert, client: pki.clients[client] }), { mode: 0o600 });
    return path;
  };
  await mkdir(join(stateDirectory, "kubeconfigs"), { recursive: true });
  const kwokLocalStages = join(stateDirectory, "kwok-local-stages.yaml");
  await writeFile(kwokLocalStages, KWOK_METRICS_PATH_STAGE);
  return {
    stateDirectory,
    binaries,
    pki,
    ports,
    server,
    kubeconfig: await kubeconfigFor("admin", "kubeconfig"),
    kubeconfigs: {
      controllerManager: await kubeconfigFor("controllerManager", "kubeconfigs/kube-controller-manager.kubeconfig"),
      scheduler: await kubeconfigFor("scheduler", "kubeconfigs/kube-scheduler.kubeconfig"),
      kwok: await kubeconfigFor("kwok", "kubeconfigs/kwok.kubeconfig"),
      rolloutsController: await kubeconfigFor("rolloutsController", "kubeconfigs/argo-rollouts.kubeconfig"),
      metricsServer: await kubeconfigFor("metricsServer", "kubeconfigs/metrics-server.kubeconfig"),
      karpenter: await kubeconfigFor("karpenter", "kubeconfigs/karpenter.kubeconfig"),
      argoCdController: await kubeconfigFor("argoCdController", "kubeconfigs/argocd-application-controller.kubeconfig"),
      prometheusAdapter: await kubeconfigFor("prometheusAdapter", "kubeconfigs/prometheus-adapter.kubeconfig"),
    },
    ...(simulation !== undefined
      ? {
          customMetrics: customMetricsLayout(stateDirectory, { relistInterval: simulation.relistInterval, maxAge: simulation.rateWindow }),
          componentArgs: simulation.componentArgs,
        }
      : {}),
    argoCd: {
      redisServer: findOnPath("redis-server") ?? "redis-server",
      toolsDirectory: join(stateDirectory, "argocd", "bin"),
      dataDirectory: join(stateDirectory, "argocd"),
      proxyConfig: join(stateDirectory, "argocd", "repository-proxy.json"),
      // From src/local (tsx) and dist/local alike: the compiled entry point in dist/.
      proxyMain: fileURLToPath(new URL("../../dist/local/repository-proxy-main.js", import.meta.url)),
    },
    kwokLocalStages,
    karpenterInstanceTypesFile: join(stateDirectory, "karpenter-instance-types.json"),
    karpenterNamespace,
  };
}

/** The PKI's file names are fixed, so a later command finds them from the folder alone. */
function pkiPaths(directory: string): Pki {
  const pair = (file: string) => ({ cert: join(directory, `${file}.crt`), key: join(directory, `${file}.key`) });
  return {
    caCert: join(directory, "ca.crt"),
    caKey: join(directory, "ca.key"),
    serving: pair("apiserver"),
    metricsServing: pair("metrics-server-serving"),
    clients: Object.fromEntries(Object.entries(CLIENT_IDENTITIES).map(([name, identity]) => [name, pair(identity.file)])) as Pki["clients"],
    frontProxyCaCert: join(directory, "front-proxy-ca.crt"),
    frontProxyClient: pair("front-proxy-client"),
    serviceAccountKey: join(directory, "sa.key"),
    serviceAccountPublicKey: join(directory, "sa.pub"),
  };
}

/** Starts the named components that are not already running, and records them. */
async function startComponents(
  layout: Layout,
  clusterName: string,
  names: readonly ComponentName[],
  progress: (line: string) => void,
): Promise<ClusterState> {
  const previous = readClusterState(layout.stateDirectory);
  const processes = new Map<string, RunningProcess>((previous?.processes ?? []).map((process) => [process.name, process]));
  const specs = componentProcesses(layout);
  for (const name of names) {
    const current = processes.get(name);
    if (current !== undefined && isRunning(current)) continue;
    progress(`starting ${name}`);
    processes.set(name, startProcess(specs[name]));
  }
  const state: ClusterState = {
    clusterName,
    kubernetesVersion: LOCAL_CONTROL_PLANE.kubernetes,
    stateDirectory: layout.stateDirectory,
    kubeconfig: layout.kubeconfig,
    server: layout.server,
    ports: layout.ports,
    processes: [...processes.values()],
  };
  await writeClusterState(state);
  return state;
}

/**
 * Stops the named components that run, in the order given, and records the cluster without
 * them. Names are the recorded ones: a state written by another Slipway version may hold
 * components this one does not know, and `down` stops those too.
 */
async function stopComponents(stateDirectory: string, names: readonly string[], onStop: (name: string) => void): Promise<ClusterState> {
  const state = readClusterState(stateDirectory);
  if (state === undefined) {
    throw new SlipwayError("LOCAL_CLUSTER", `the local cluster's state is missing: ${stateFile(stateDirectory)}`, {
      where: stateFile(stateDirectory),
      fix: "`slipway down` then `slipway up --local` starts over",
    });
  }
  for (const name of names) {
    const running = state.processes.find((process) => process.name === name);
    if (running === undefined) continue;
    if (isRunning(running)) onStop(name);
    await stopProcess(running);
  }
  const stopped = new Set<string>(names);
  const next: ClusterState = { ...state, processes: state.processes.filter((process) => !stopped.has(process.name)) };
  await writeClusterState(next);
  return next;
}

function adminClient(pki: Pki, server: string): ApiClient {
  return new ApiClient({ server, caCert: pki.caCert, clientCert: pki.clients.admin.cert, clientKey: pki.clients.admin.key });
}

async function waitForApiServer(client: ApiClient, layout: ClusterLayout, keepStarted: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "";
  let checked = Date.now();
  while (Date.now() < deadline) {
    const response = await client.get("/readyz", 2000);
    if (response.status === 200) return;
    if (Date.now() - checked > 2000) {
      checked = Date.now();
      await keepStarted();
    }
    last = response.body.trim().split("\n").filter((line) => line.includes("failed")).join("; ") || response.body.slice(0, 200);
    await sleep(200);
  }
  throw new SlipwayError("LOCAL_CLUSTER", `kube-apiserver was not ready within ${READY_TIMEOUT_MS / 1000}s: ${last}`, {
    where: join(layout.stateDirectory, "logs", "kube-apiserver.log"),
    fix: "read the log named above (and logs/etcd.log beside it); `slipway down` then `slipway up --local` starts over",
  });
}
