/**
 * The upstream binaries of the local control plane, built from their Go modules once per
 * machine into a cache keyed by the Kubernetes version.
 *
 * kube-apiserver, kube-controller-manager, kube-scheduler and etcd are built inside the
 * tools module `tools/localcp`, whose replace block pins Kubernetes' staging modules
 * (`go install k8s.io/kubernetes/cmd/...@v` cannot work: Kubernetes replaces them with
 * local folders). kwok and metrics-server have no replace lines and are `go install`ed on
 * their own so their dependency versions stay out of that module. Argo Rollouts, Argo CD
 * and Karpenter (its kwok cloud provider) pin Kubernetes libraries of their own, so each
 * builds in a sub-module of `tools/localcp` that copies its replace block; prometheus-adapter
 * (the custom metrics API of `slipway simulate`) builds in one too. A marker file
 * naming every version is written last, so an interrupted build is never taken for a
 * finished one.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, copyFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { CHARTS, LOCAL_CONTROL_PLANE } from "../versions.js";
import { binariesDirectory } from "./local-paths.js";
import { runGo } from "./run-go.js";

export const BINARY_NAMES = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kwok",
  "metrics-server",
  "rollouts-controller",
  "argocd",
  "karpenter",
  "prometheus-adapter",
] as const;
export type BinaryName = (typeof BINARY_NAMES)[number];
export type BinaryPaths = Readonly<Record<BinaryName | "kwokConfig" | "argoCdCrds" | "argoCdScripts", string>>;

const MARKER = "build.json";
/** kwok's configuration (its Stages and metric definitions), next to the binaries. */
export const KWOK_CONFIG = "kwok-stages.yaml";
/** Argo CD's CRDs (Application, AppProject, ApplicationSet) from its module, next to the binaries. */
export const ARGOCD_CRDS = "argocd-crds.yaml";
/**
 * Scripts of Argo CD's image its repo-server runs by name (its Dockerfile copies them to
 * /usr/local/bin): git-verify-wrapper.sh is run for every Git revision, GPG or not.
 */
export const ARGOCD_SCRIPTS = "argocd-scripts";
const ARGOCD_SCRIPT_SOURCES = ["hack/git-verify-wrapper.sh", "hack/gpg-wrapper.sh"];
const ARGOCD_CRD_SOURCES = ["manifests/crds/application-crd.yaml", "manifests/crds/appproject-crd.yaml", "manifests/crds/applicationset-crd.yaml"];
/**
 * Upstream kwok files, unmodified, that make fake nodes and pods behave: the node
 * initialisation and lease heartbeat, the pod ready/complete/delete lifecycle (what
 * kwokctl configures by default), and the kubelet resource-metrics endpoint with usage
 * read from pod annotations (`kwok.x-k8s.io/usage-cpu`) so metrics-server and the HPA
 * see load.
 */
const KWOK_CONFIG_SOURCES = [
  "kustomize/stage/node/fast/node-initialize.yaml",
  "kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
  "kustomize/stage/pod/fast/pod-ready.yaml",
  "kustomize/stage/pod/fast/pod-complete.yaml",
  "kustomize/stage/pod/fast/pod-delete.yaml",
  "kustomize/metrics/resource/metrics-resource.yaml",
  "kustomize/metrics/usage/usage-from-annotation.yaml",
];
/** The tools module, found from this file so it works from `src/` (tsx) and `dist/`. */
export const TOOLS_MODULE = fileURLToPath(new URL("../../tools/localcp/", import.meta.url));
/** Argo Rollouts pins an older Kubernetes, so its controller builds in a module of its own. */
const ROLLOUTS_MODULE = join(TOOLS_MODULE, "rollouts");
/** Argo CD's multi-call binary (application-controller, repo-server, …), in a module of its own. */
const ARGOCD_MODULE = join(TOOLS_MODULE, "argocd");
/** Karpenter with its kwok cloud provider, in a module of its own. */
const KARPENTER_MODULE = join(TOOLS_MODULE, "karpenter");
/** prometheus-adapter pins Kubernetes 0.30 libraries; the proxy refuses its version list, so `go install …@v` cannot resolve it. */
const PROMETHEUS_ADAPTER_MODULE = join(TOOLS_MODULE, "prometheus-adapter");
/**
 * One `go build` of the local control plane: the binaries it makes (name and main
 * package), the module it builds in (a folder of tools/localcp, or a published module
 * built as `go install path@version` builds it), its linker flags and environment.
 */
export interface ComponentBuild {
  readonly label: string;
  readonly binaries: readonly { readonly name: BinaryName; readonly pkg: string }[];
  readonly module: { readonly folder: string } | { readonly path: string; readonly version: string };
  readonly ldflags: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Every component of the local control plane, in build order. */
export function componentBuilds(): readonly ComponentBuild[] {
  const { kubernetes, kwok, metricsServer } = LOCAL_CONTROL_PLANE;
  return [
    {
      label: `kube-apiserver, kube-controller-manager, kube-scheduler ${kubernetes}`,
      binaries: (["kube-apiserver", "kube-controller-manager", "kube-scheduler"] as const).map((name) => ({ name, pkg: `k8s.io/kubernetes/cmd/${name}` })),
      module: { folder: TOOLS_MODULE },
      ldflags: `-s -w ${versionLinkerFlags(kubernetes)}`,
    },
    { label: `etcd ${LOCAL_CONTROL_PLANE.etcd}`, binaries: [{ name: "etcd", pkg: "go.etcd.io/etcd/server/v3" }], module: { folder: TOOLS_MODULE }, ldflags: "-s -w" },
    { label: `kwok ${kwok}`, binaries: [{ name: "kwok", pkg: "sigs.k8s.io/kwok/cmd/kwok" }], module: { path: "sigs.k8s.io/kwok", version: kwok }, ldflags: "-s -w" },
    {
      label: `metrics-server ${metricsServer}`,
      binaries: [{ name: "metrics-server", pkg: "sigs.k8s.io/metrics-server/cmd/metrics-server" }],
      module: { path: "sigs.k8s.io/metrics-server", version: metricsServer },
      ldflags: "-s -w",
    },
    {
      label: `Argo Rollouts controller ${CHARTS.argoRollouts.appVersion}`,
      binaries: [{ name: "rollouts-controller", pkg: "github.com/argoproj/argo-rollouts/cmd/rollouts-controller" }],
      module: { folder: ROLLOUTS_MODULE },
      ldflags: "-s -w",
    },
    {
      label: `Argo CD ${LOCAL_CONTROL_PLANE.argoCd.version}`,
      binaries: [{ name: "argocd", pkg: "github.com/argoproj/argo-cd/v3/cmd" }],
      module: { folder: ARGOCD_MODULE },
      ldflags: `-s -w ${argoCdLinkerFlags(LOCAL_CONTROL_PLANE.argoCd.version)}`,
      // Argo CD 3.6 needs Go 1.27; the go command fetches that toolchain from the module proxy.
      env: { GOTOOLCHAIN: LOCAL_CONTROL_PLANE.argoCd.goToolchain },
    },
    {
      label: `Karpenter ${CHARTS.karpenter.appVersion} (kwok cloud provider)`,
      binaries: [{ name: "karpenter", pkg: "sigs.k8s.io/karpenter/kwok" }],
      module: { folder: KARPENTER_MODULE },
      ldflags: "-s -w",
    },
    {
      label: `prometheus-adapter ${CHARTS.prometheusAdapter.appVersion}`,
      binaries: [{ name: "prometheus-adapter", pkg: "sigs.k8s.io/prometheus-adapter/cmd/adapter" }],
      module: { folder: PROMETHEUS_ADAPTER_MODULE },
      ldflags: "-s -w",
    },
  ];
}

interface GoStep {
  readonly label: string;
  readonly args: string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** The host build: a published module is `go install`ed (its own go.mod, no replace lines) into the binaries folder. */
function hostBuildStep(build: ComponentBuild, directory: string): GoStep {
  const flags = ["-trimpath", "-ldflags", build.ldflags];
  if ("path" in build.module) {
    const { version } = build.module;
    return { label: build.label, args: ["install", ...flags, ...build.binaries.map((binary) => `${binary.pkg}@${version}`)], env: { ...build.env, GOBIN: directory } };
  }
  const output = build.binaries.length === 1 ? join(directory, build.binaries[0]!.name) : directory + "/";
  return { label: build.label, args: ["build", ...flags, "-o", output, ...build.binaries.map((binary) => binary.pkg)], env: build.env, cwd: build.module.folder };
}

export function binaryPaths(directory: string = binariesDirectory()): BinaryPaths {
  return {
    ...Object.fromEntries(BINARY_NAMES.map((name) => [name, join(directory, name)])),
    kwokConfig: join(directory, KWOK_CONFIG),
    argoCdCrds: join(directory, ARGOCD_CRDS),
    argoCdScripts: join(directory, ARGOCD_SCRIPTS),
  } as BinaryPaths;
}

/** What the marker records: a change of any version makes the cache stale. */
function expectedMarker(): string {
  const { kubernetes, etcd, kwok, metricsServer, argoCd } = LOCAL_CONTROL_PLANE;
  return (
    JSON.stringify({ kubernetes, etcd, kwok, metricsServer, argoRollouts: CHARTS.argoRollouts.appVersion, argoCd: argoCd.version, karpenter: CHARTS.karpenter.appVersion, prometheusAdapter: CHARTS.prometheusAdapter.appVersion }, null, 2) + "\n"
  );
}

export function binariesAreBuilt(directory: string = binariesDirectory()): boolean {
  const marker = join(directory, MARKER);
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== expectedMarker()) return false;
  return [...BINARY_NAMES, KWOK_CONFIG, ARGOCD_CRDS, ...ARGOCD_SCRIPT_SOURCES.map((file) => join(ARGOCD_SCRIPTS, basename(file)))].every((name) => existsSync(join(directory, name)));
}

export interface BuildOptions {
  readonly directory?: string;
  readonly onProgress?: (line: string) => void;
}

/** Ensures the binaries exist, building them (minutes, once per machine) when they do not. */
export async function ensureBinaries(options: BuildOptions = {}): Promise<BinaryPaths> {
  const directory = options.directory ?? binariesDirectory();
  if (binariesAreBuilt(directory)) return binaryPaths(directory);
  // One build per machine at a time: a second `up` (or test run) waits for the first.
  const lock = `${directory}.lock`;
  await mkdir(dirname(lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      options.onProgress?.(`waiting for another build of the binaries (${lock})`);
      await sleep(10000);
      if (binariesAreBuilt(directory)) return binaryPaths(directory);
    }
  }
  try {
    if (!binariesAreBuilt(directory)) await buildBinaries({ ...options, directory });
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
  return binaryPaths(directory);
}

/** A lock older than the slowest cold build belongs to a build that died. */
const STALE_LOCK_MS = 90 * 60 * 1000;

/** Builds every binary from scratch into `directory`; resolves with the seconds it took. */
export async function buildBinaries(options: BuildOptions = {}): Promise<number> {
  const directory = options.directory ?? binariesDirectory();
  const progress = options.onProgress ?? (() => undefined);
  const started = Date.now();
  await rm(join(directory, MARKER), { force: true });
  await mkdir(directory, { recursive: true });
  const environment = { ...process.env, CGO_ENABLED: "0" };
  const steps = componentBuilds().map((build) => hostBuildStep(build, directory));
  for (const step of steps) {
    progress(`building ${step.label} from Go modules (cold builds take minutes, once per machine)`);
    await runGo({ args: step.args, cwd: step.cwd ?? TOOLS_MODULE, label: step.label, env: { CGO_ENABLED: "0", ...step.env } });
  }
  await writeFile(join(directory, KWOK_CONFIG), await kwokConfiguration(environment));
  await writeFile(join(directory, ARGOCD_CRDS), await argoCdCrds(environment));
  await mkdir(join(directory, ARGOCD_SCRIPTS), { recursive: true });
  for (const file of ARGOCD_SCRIPT_SOURCES) await copyFile(join(argoCdModule(environment), file), join(directory, ARGOCD_SCRIPTS, basename(file)));
  for (const file of ARGOCD_SCRIPT_SOURCES) await chmod(join(directory, ARGOCD_SCRIPTS, basename(file)), 0o755);
  await writeFile(join(directory, MARKER), expectedMarker());
  const seconds = Math.round((Date.now() - started) / 1000);
  progress(`binaries built in ${seconds}s into ${directory}`);
  return seconds;
}

/**
 * `-X` flags stamping the version the way Kubernetes' release build does: clients and
 * controllers read the server version, and an unstamped build reports v0.0.0-master.
 */
export function versionLinkerFlags(version: string): string {
  const match = /^v(\d+)\.(\d+)\.\d+/.exec(version);
  if (match === null) throw new Error(`not a Kubernetes version: ${version}`);
  const values = { gitVersion: version, gitMajor: match[1], gitMinor: match[2], gitTreeState: "clean", buildDate: "1970-01-01T00:00:00Z" };
  return ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"]
    .flatMap((pkg) => Object.entries(values).map(([name, value]) => `-X ${pkg}.${name}=${value}`))
    .join(" ");
}

/** `-X` flags stamping Argo CD's version as its release build does (it reports it in Application status and logs). */
export function argoCdLinkerFlags(version: string): string {
  const pkg = "github.com/argoproj/argo-cd/v3/common";
  return [`-X ${pkg}.version=${version.replace(/^v/, "")}`, `-X ${pkg}.gitTag=${version}`, `-X ${pkg}.buildDate=1970-01-01T00:00:00Z`, `-X ${pkg}.gitTreeState=clean`].join(" ");
}

/** Argo CD's module as the build downloaded it. */
function argoCdModule(environment: NodeJS.ProcessEnv): string {
  const moduleCache = execFileSync("go", ["env", "GOMODCACHE"], { env: environment, encoding: "utf8" }).trim();
  return join(moduleCache, "github.com", "argoproj", "argo-cd", `v3@${LOCAL_CONTROL_PLANE.argoCd.version}`);
}

/** Concatenates Argo CD's CRDs from the module the build fetched. */
async function argoCdCrds(environment: NodeJS.ProcessEnv): Promise<string> {
  const moduleDirectory = argoCdModule(environment);
  const documents = await Promise.all(
    ARGOCD_CRD_SOURCES.map(async (file) => `# ${file} (github.com/argoproj/argo-cd/v3 ${LOCAL_CONTROL_PLANE.argoCd.version})\n${(await readFile(join(moduleDirectory, file), "utf8")).trim()}\n`),
  );
  return documents.join("---\n");
}

/** Concatenates kwok's upstream Stage and metric files from the module `go install` fetched. */
async function kwokConfiguration(environment: NodeJS.ProcessEnv): Promise<string> {
  const moduleCache = execFileSync("go", ["env", "GOMODCACHE"], { env: environment, encoding: "utf8" }).trim();
  const moduleDirectory = join(moduleCache, "sigs.k8s.io", `kwok@${LOCAL_CONTROL_PLANE.kwok}`);
  const documents = await Promise.all(KWOK_CONFIG_SOURCES.map(async (file) => `# ${file} (sigs.k8s.io/kwok ${LOCAL_CONTROL_PLANE.kwok})\n${(await readFile(join(moduleDirectory, file), "utf8")).trim()}\n`));
  return documents.join("---\n");
}
