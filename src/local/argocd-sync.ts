/**
 * The platform delivered to the local cluster the way it is on EKS: by the real Argo CD
 * (application-controller and repo-server, built from its Go module) syncing the
 * synthesized repository, app-of-apps from the root Application down, waves, AppProjects,
 * hooks and health checks included.
 *
 * `up` serves the GitOps tree as a Git repository and the pinned charts as Helm and OCI
 * repositories at the URLs the Applications name (repository-proxy.ts), applies what
 * Argo CD's own Helm install and `slipway bootstrap` would (its settings, the platform
 * AppProject, the root Application), and from then on only watches: every other object
 * of the platform is Argo CD's doing.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, symlink, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ChartResolver } from "../charts/chart-resolver.js";
import { chartApplications } from "../charts/chart-applications.js";
import { SlipwayError } from "../errors.js";
import { isPlainObject } from "../manifest/plain-object.js";
import type { KubeObject } from "../manifest/kube-object.js";
import type { ApiClient } from "./api-client.js";
import { argoCdObjects, LOCAL_REPOSITORY_LABELS } from "./argocd-objects.js";
import { ARGOCD_NAMESPACE } from "../gitops/argocd/application.js";
import type { ClusterLayout } from "./components.js";
import { commitTree, type CommittedTree } from "./git-repository.js";
import type { ServedChartRepository, RepositoryProxyConfig } from "./repository-proxy.js";
import { applyObjects, discoverServedKinds } from "./server-side-apply.js";
import type { PlannedObject } from "./apply-plan.js";
import { findOnPath, type ResolvedTool } from "../tools/cluster-tools.js";

export interface ApplicationStatus {
  readonly name: string;
  readonly project: string;
  /** `argocd.argoproj.io/sync-wave` (0 when absent). */
  readonly wave: number;
  readonly sync: string;
  readonly health: string;
  /** When the root (or Argo CD's parent Application) created it: wave by wave, each after the one before was Healthy. */
  readonly createdAt?: string;
  /** When its last sync started (`status.operationState.startedAt`). */
  readonly syncStartedAt?: string;
  /** When its last sync finished (`status.operationState.finishedAt`), if it synced. */
  readonly syncedAt?: string;
  /** When its health last changed (`status.health.lastTransitionTime`): since when it is Healthy, if it is. */
  readonly healthSince?: string;
  /**
   * When `up`'s wait (one poll a second) first saw it Synced and Healthy. Argo CD keeps only
   * the last health change, and an Application can turn Progressing again later (a
   * DaemonSet rolling onto a node Karpenter just launched) after its wave has let the next
   * one go.
   */
  readonly firstSettledAt?: string;
  /** The commit (or chart version) it is synced to (`status.sync.revision`). */
  readonly revision?: string;
  /** Conditions and the last operation's message, when not Synced and Healthy. */
  readonly message?: string;
}

export interface ArgoCdRepositories {
  readonly proxyConfig: RepositoryProxyConfig;
  readonly repository: CommittedTree;
  /** Repository URLs Applications name that the local cluster does not serve (another team's repository). */
  readonly notServed: readonly string[];
  /** Applications of the tree that cannot sync here, because a source of theirs is not served. */
  readonly unservedApplications: readonly UnservedApplication[];
}

export interface UnservedApplication {
  readonly name: string;
  readonly repoURL: string;
  /** Why the local cluster does not serve that source, and what would. */
  readonly why: string;
}

/**
 * Prepares what the repository proxy serves: the tree committed as the root
 * Application's repository, and every chart the Applications install that the resolver
 * finds (`--charts`, SLIPWAY_CHARTS, the chart cache).
 */
export async function prepareRepositories(input: {
  readonly tree: ReadonlyMap<string, string>;
  readonly objects: readonly KubeObject[];
  readonly resolver: ChartResolver;
  readonly layout: ClusterLayout;
}): Promise<ArgoCdRepositories> {
  const { source } = rootApplication(input.objects);
  const repository = await commitTree(join(input.layout.stateDirectory, "gitops-repository"), input.tree, source.targetRevision === "HEAD" ? "main" : source.targetRevision);
  const charts = new Map<string, ServedChartRepository["charts"][number][]>();
  const unresolved = new Map<string, string>();
  for (const application of chartApplications(input.objects)) {
    const resolved = await input.resolver.resolve(application.coordinates, `Application ${application.name}`).catch((error: unknown) => {
      unresolved.set(chartKey(application.coordinates), error instanceof Error ? error.message : String(error));
      return undefined;
    });
    if (resolved === undefined) continue;
    const list = charts.get(application.coordinates.repoURL) ?? [];
    if (!list.some((chart) => chart.name === application.coordinates.chart && chart.version === application.coordinates.version)) {
      list.push({ name: application.coordinates.chart, version: application.coordinates.version, path: resolved.path });
    }
    charts.set(application.coordinates.repoURL, list);
  }
  const gitUrls = [...new Set(gitSources(input.objects))].sort();
  const proxyConfig: RepositoryProxyConfig = {
    git: [{ url: source.repoURL, directory: repository.gitDirectory }],
    charts: [...charts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([url, list]) => ({ url, charts: list })),
    tls: { cert: input.layout.pki.serving.cert, key: input.layout.pki.serving.key },
  };
  return {
    proxyConfig,
    repository,
    notServed: gitUrls.filter((url) => normalize(url) !== normalize(source.repoURL)),
    unservedApplications: unservedApplications(input.objects, proxyConfig, unresolved),
  };
}

/**
 * The tree's Applications with a source the repository proxy does not serve: a Git
 * repository other than the GitOps one (a team's own), or a chart the resolver could not
 * find (`unresolved`: why, by `repoURL chart version`). Argo CD cannot sync them here, so
 * the wait does not count them and the summary names them.
 */
export function unservedApplications(objects: readonly KubeObject[], served: Pick<RepositoryProxyConfig, "git" | "charts">, unresolved: ReadonlyMap<string, string> = new Map()): UnservedApplication[] {
  const gitServed = new Set(served.git.map((repository) => normalize(repository.url)));
  const chartServed = new Set(served.charts.flatMap((repository) => repository.charts.map((chart) => chartKey({ repoURL: repository.url, chart: chart.name, version: chart.version }))));
  const result: UnservedApplication[] = [];
  for (const object of objects) {
    if (object.kind !== "Application" || !isPlainObject(object.spec)) continue;
    for (const source of applicationSources(object.spec)) {
      if (typeof source.repoURL !== "string") continue;
      if (typeof source.chart === "string") {
        const key = chartKey({ repoURL: source.repoURL, chart: source.chart, version: String(source.targetRevision ?? "") });
        if (chartServed.has(key)) continue;
        const why = unresolved.get(key) ?? "the chart is not in the chart cache";
        result.push({ name: object.metadata.name, repoURL: source.repoURL, why: `chart ${source.chart} ${String(source.targetRevision ?? "")} is not served locally: ${why}` });
        break;
      }
      if (!gitServed.has(normalize(source.repoURL))) {
        result.push({ name: object.metadata.name, repoURL: source.repoURL, why: "only the GitOps repository is served locally; this repository is another one (a team's own), which Argo CD reaches on EKS" });
        break;
      }
    }
  }
  return result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function chartKey(coordinates: { readonly repoURL: string; readonly chart: string; readonly version: string }): string {
  return `${coordinates.repoURL} ${coordinates.chart} ${coordinates.version}`;
}

function applicationSources(spec: Record<string, unknown>): Record<string, unknown>[] {
  return [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isPlainObject);
}

/** Folders and files Argo CD's processes need on the host; helm and kustomize as Slipway resolves them. */
export async function prepareArgoCdHost(layout: ClusterLayout, repositories: ArgoCdRepositories, tools: { helm: ResolvedTool; kustomize: ResolvedTool }): Promise<void> {
  const { dataDirectory, toolsDirectory, proxyConfig } = layout.argoCd;
  for (const name of ["home", "tls", "ssh", "gpg-keys", "gnupg", "plugins", "tmp"]) await mkdir(join(dataDirectory, name), { recursive: true, mode: 0o700 });
  await rm(toolsDirectory, { recursive: true, force: true });
  await mkdir(toolsDirectory, { recursive: true });
  // Absolute paths: a bare name (SLIPWAY_HELM=helm) would find the link or the shim itself on the repo-server's PATH.
  const absolute = (command: string) => (isAbsolute(command) ? command : (findOnPath(command) ?? resolve(command)));
  await symlink(absolute(tools.helm.command), join(toolsDirectory, "helm"));
  // The repo-server runs `kustomize build DIR` and `kustomize version`; kubectl's built-in kustomize takes `kubectl kustomize DIR`.
  const kustomize = [absolute(tools.kustomize.command), ...tools.kustomize.prefix].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(" ");
  await writeFile(
    join(toolsDirectory, "kustomize"),
    `#!/bin/sh\n# kustomize ${tools.kustomize.version} (${tools.kustomize.origin}), as Slipway resolves it.\ncase "$1" in\n  version) echo "${tools.kustomize.version}" ;;\n  build) shift; exec ${kustomize} "$@" ;;\n  *) exec ${kustomize} "$@" ;;\nesac\n`,
    { mode: 0o755 },
  );
  await writeFile(proxyConfig, JSON.stringify(repositories.proxyConfig, null, 2) + "\n");
}

/**
 * Argo CD's settings and repository Secrets, then the platform AppProject and the root
 * Application. When the tree is a new commit, the root is annotated for a hard refresh:
 * the repo-server keeps a branch's resolved commit in Redis for minutes, and a re-run must
 * sync what was just committed.
 */
export async function applyArgoCdBootstrap(client: ApiClient, input: { objects: readonly KubeObject[]; tree: ReadonlyMap<string, string>; repositories: ArgoCdRepositories; proxyPort: number; secretFile: string }): Promise<void> {
  const served = await discoverServedKinds(client);
  const plan = (objects: readonly KubeObject[], source: string): PlannedObject[] =>
    objects.map((object) => {
      const kind = served.get(`${object.apiVersion}/${object.kind}`);
      if (kind === undefined) throw new SlipwayError("LOCAL_CLUSTER", `the API server does not serve ${object.apiVersion} ${object.kind}`, { where: source, fix: "`slipway down` then `slipway up --local` starts over" });
      return { object, source, served: kind };
    });
  const namespace = input.objects.find((object) => object.kind === "Namespace" && object.metadata.name === ARGOCD_NAMESPACE) ?? { apiVersion: "v1", kind: "Namespace", metadata: { name: ARGOCD_NAMESPACE } };
  const root = rootApplication(input.objects);
  const project = input.objects.find((object) => object.kind === "AppProject" && object.metadata.name === root.project);
  const values = input.tree.get("bootstrap/argocd-values.yaml") ?? "";
  const secretKey = existsSync(input.secretFile) ? (await readFile(input.secretFile, "utf8")).trim() : randomBytes(32).toString("base64");
  await writeFile(input.secretFile, secretKey + "\n", { mode: 0o600 });
  const settings = argoCdObjects({
    argoCdValues: values,
    gitRepositories: input.repositories.proxyConfig.git.map((repository) => repository.url),
    chartRepositories: input.repositories.proxyConfig.charts,
    proxyPort: input.proxyPort,
    serverSecretKey: secretKey,
    unservedApplications: input.repositories.unservedApplications.map((application) => application.name),
  });
  for (const [objects, source] of [
    [[namespace], "bootstrap/argocd-namespace.yaml"],
    [settings, "Argo CD settings for the local cluster"],
    // `slipway bootstrap` applies the root Application's AppProject with it: the root syncs it from then on.
    [project === undefined ? [] : [project], "apps/projects"],
    [[input.repositories.repository.changed ? withHardRefresh(root.object) : root.object], "bootstrap/root-application.yaml"],
  ] as const) {
    const results = await applyObjects(client, plan(objects, source));
    const rejected = results.filter((result) => result.outcome === "rejected");
    if (rejected.length > 0) {
      throw new SlipwayError("LOCAL_CLUSTER", `the API server rejected ${rejected.map((result) => `${result.key} (${result.reason})`).join("; ")}`, { where: source, fix: "fix the object named above in the spec or the synthesized tree" });
    }
    if (objects === settings) await deleteStaleRepositorySecrets(client, new Set(settings.map((object) => object.metadata.name)));
  }
}

/** Repository Secrets an earlier `up` wrote for repositories this tree no longer names: Argo CD would keep them as credentials. */
export async function deleteStaleRepositorySecrets(client: ApiClient, current: ReadonlySet<string>): Promise<string[]> {
  const selector = Object.entries(LOCAL_REPOSITORY_LABELS).map(([key, value]) => `${key}=${value}`).join(",");
  const list = await client.getJson<{ items: { metadata: { name: string } }[] }>(`/api/v1/namespaces/${ARGOCD_NAMESPACE}/secrets?labelSelector=${encodeURIComponent(selector)}`);
  const stale = list.items.map((secret) => secret.metadata.name).filter((name) => !current.has(name)).sort();
  for (const name of stale) {
    const response = await client.delete(`/api/v1/namespaces/${ARGOCD_NAMESPACE}/secrets/${name}`);
    if (response.status !== 200 && response.status !== 202 && response.status !== 404) {
      throw new SlipwayError("LOCAL_CLUSTER", `could not delete the stale repository Secret ${ARGOCD_NAMESPACE}/${name}: HTTP ${response.status} ${response.body.slice(0, 200)}`, {
        where: `Secret ${ARGOCD_NAMESPACE}/${name}`,
        fix: "`slipway down` then `slipway up --local` starts over",
      });
    }
  }
  return stale;
}

function withHardRefresh(object: KubeObject): KubeObject {
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, "argocd.argoproj.io/refresh": "hard" } } };
}

export interface WaitForApplicationsOptions {
  /** The commit the root Application must have synced before anything counts as settled. */
  readonly commit?: string;
  readonly timeoutMs: number;
  readonly onProgress?: (statuses: readonly ApplicationStatus[]) => void;
  /** How long every Application must stay Synced and Healthy before the wait ends. @default 5000 */
  readonly stableMs?: number;
  /** Applications that cannot sync here (unservedApplications): not waited for. */
  readonly unserved?: ReadonlySet<string>;
  /** The Applications of the tree: others in the cluster (made by hand, left by an older spec) are not waited for. */
  readonly tree?: ReadonlySet<string>;
}

/** Polls the Applications until every one is Synced and Healthy (or the timeout); returns their last statuses. */
export async function waitForApplications(client: ApiClient, options: WaitForApplicationsOptions): Promise<ApplicationStatus[]> {
  const deadline = Date.now() + options.timeoutMs;
  let settledSince: number | undefined;
  let lastReport = 0;
  const firstSettled = new Map<string, string>();
  for (;;) {
    const polled = await applicationStatuses(client);
    const root = polled.find((status) => status.name === "root");
    const atCommit = options.commit === undefined || root?.revision === options.commit;
    // Before the root has the commit, a child Synced and Healthy is so at an older one: not yet settled by this sync.
    if (atCommit) for (const status of polled) if (isSettled(status) && !firstSettled.has(status.name)) firstSettled.set(status.name, new Date().toISOString());
    const statuses = polled.map((status) => (firstSettled.has(status.name) ? { ...status, firstSettledAt: firstSettled.get(status.name)! } : status));
    const settled = statuses.length > 0 && atCommit && allSettled(statuses, notWaitedFor(statuses, options));
    if (settled) settledSince ??= Date.now();
    else settledSince = undefined;
    if (settledSince !== undefined && Date.now() - settledSince >= (options.stableMs ?? 5000)) return statuses;
    if (Date.now() > deadline) return statuses;
    if (Date.now() - lastReport > 10000) {
      lastReport = Date.now();
      options.onProgress?.(statuses);
    }
    await sleep(1000);
  }
}

export function isSettled(status: ApplicationStatus): boolean {
  return status.sync === "Synced" && status.health === "Healthy";
}

/** Every Application Synced and Healthy, but those not waited for. */
export function allSettled(statuses: readonly ApplicationStatus[], ignored: ReadonlySet<string> = new Set()): boolean {
  return statuses.every((status) => ignored.has(status.name) || isSettled(status));
}

/** Applications `up` does not wait for: those that cannot sync here and those not in the tree. */
export function notWaitedFor(statuses: readonly ApplicationStatus[], options: Pick<WaitForApplicationsOptions, "unserved" | "tree">): Set<string> {
  return new Set([...(options.unserved ?? []), ...(options.tree === undefined ? [] : statuses.filter((status) => !options.tree!.has(status.name)).map((status) => status.name))]);
}

/** Every Application in Argo CD's namespace, in wave order then by name. */
export async function applicationStatuses(client: ApiClient): Promise<ApplicationStatus[]> {
  const list = await client.getJson<{ items: RawApplication[] }>(`/apis/argoproj.io/v1alpha1/namespaces/${ARGOCD_NAMESPACE}/applications`);
  return list.items.map(applicationStatus).sort((a, b) => a.wave - b.wave || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface RawApplication {
  metadata: { name: string; annotations?: Record<string, string>; creationTimestamp?: string };
  spec?: { project?: string };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string; lastTransitionTime?: string };
    operationState?: { phase?: string; message?: string; startedAt?: string; finishedAt?: string };
    conditions?: { type?: string; message?: string }[];
  };
}

export function applicationStatus(application: RawApplication): ApplicationStatus {
  const status = application.status ?? {};
  const sync = status.sync?.status ?? "Unknown";
  const health = status.health?.status ?? "Unknown";
  const messages = [
    ...(status.conditions ?? []).map((condition) => `${condition.type ?? "Condition"}: ${condition.message ?? ""}`),
    ...(status.operationState !== undefined && status.operationState.phase !== "Succeeded" ? [`sync ${status.operationState.phase ?? ""}: ${status.operationState.message ?? ""}`] : []),
    ...(health !== "Healthy" && status.health?.message ? [status.health.message] : []),
  ];
  const wave = Number.parseInt(application.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? "0", 10);
  return {
    name: application.metadata.name,
    project: application.spec?.project ?? "default",
    wave: Number.isNaN(wave) ? 0 : wave,
    sync,
    health,
    ...(application.metadata.creationTimestamp !== undefined ? { createdAt: application.metadata.creationTimestamp } : {}),
    ...(status.sync?.revision !== undefined ? { revision: status.sync.revision } : {}),
    ...(status.operationState?.startedAt !== undefined ? { syncStartedAt: status.operationState.startedAt } : {}),
    ...(status.operationState?.phase === "Succeeded" && status.operationState.finishedAt !== undefined ? { syncedAt: status.operationState.finishedAt } : {}),
    ...(status.health?.lastTransitionTime !== undefined ? { healthSince: status.health.lastTransitionTime } : {}),
    ...(messages.length > 0 && !(sync === "Synced" && health === "Healthy") ? { message: messages.join("; ").slice(0, 500) } : {}),
  };
}

interface RootApplication {
  /** The Application as the tree has it (what `up` applies). */
  readonly object: KubeObject;
  readonly project: string;
  readonly source: { readonly repoURL: string; readonly targetRevision: string; readonly path: string };
}

/** The root Application of the tree (bootstrap/root-application.yaml): the one named `root` with a path source. */
export function rootApplication(objects: readonly KubeObject[]): RootApplication {
  const root = objects.find((object) => object.kind === "Application" && object.metadata.name === "root");
  const spec = isPlainObject(root?.spec) ? root.spec : undefined;
  const source = isPlainObject(spec?.source) ? spec.source : undefined;
  if (root === undefined || source === undefined || typeof source.repoURL !== "string") {
    throw new SlipwayError("LOCAL_CLUSTER", "the GitOps tree has no root Application with a repository source", {
      where: "bootstrap/root-application.yaml",
      fix: "synthesize the tree with `slipway synth`; the root Application is what Argo CD starts from",
    });
  }
  return {
    object: root,
    project: typeof spec!.project === "string" ? spec!.project : "default",
    source: { repoURL: source.repoURL, targetRevision: typeof source.targetRevision === "string" && source.targetRevision !== "" ? source.targetRevision : "HEAD", path: String(source.path ?? "") },
  };
}

function gitSources(objects: readonly KubeObject[]): string[] {
  const urls: string[] = [];
  for (const object of objects) {
    if (object.kind !== "Application" || !isPlainObject(object.spec)) continue;
    for (const source of applicationSources(object.spec)) if (typeof source.repoURL === "string" && source.chart === undefined) urls.push(source.repoURL);
  }
  return urls;
}

function normalize(url: string): string {
  return url.toLowerCase().replace(/\.git$/, "").replace(/\/+$/, "");
}
