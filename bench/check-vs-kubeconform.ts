/**
 * Benchmark: `slipway check` against kubeconform on the same corpus, with the same
 * schemas, in the same run.
 *
 * - kubeconform is built from source with `go install` into a cache folder (GOBIN);
 * - the corpus (>= 5,000 objects) is the reference platform's built-in objects replicated
 *   with varied names plus generated core kinds, with a few deliberately invalid objects
 *   so both tools must find the same errors;
 * - the schemas are Slipway's, written in kubeconform's layout (strict, as -strict expects).
 *
 * - a real-world corpus: the stock install manifests of Argo CD (plain and HA), Argo Rollouts
 *   and the Prometheus Operator bundle from their Go modules, plus every packaged add-on
 *   chart of ../shared/charts rendered with the pinned helm; kubeconform gets the schemas
 *   of its CRDs in its layout, converted by Slipway's code.
 *
 * Usage: npx tsc -p . && npx tsx bench/check-vs-kubeconform.ts [--runs N] [--cold] [--charts DIR]
 *   --cold  every Slipway run starts with an empty validator cache (compiles every schema)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, homedir, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeKubeconformCustomResourceSchemas, writeKubeconformSchemas } from "../src/check/schema/kubeconform-layout.js";
import { platformCrds } from "../src/check/schema/platform-crds.js";
import { helmPath } from "../src/tools/kubectl.js";
import { unzip } from "../src/tools/unzip.js";
import { kubernetesSchemaBundle } from "../src/check/schema/kubernetes-schema-bundle.js";
import { synthesizeGitOps } from "../src/gitops/synthesize.js";
import type { KubeObject } from "../src/manifest/kube-object.js";
import { toYamlStream } from "../src/manifest/serialize.js";
import { parseSpec } from "../src/platform-spec/load.js";
import { CHARTS, KUBERNETES } from "../src/versions.js";
import { parse } from "yaml";

const KUBECONFORM_VERSION = "v0.8.0";
const OBJECTS = 5_000;
const INVALID = 10;
const PER_FILE = 100;
const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");

function kubeconformBinary(): string {
  const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "slipway", `kubeconform-${KUBECONFORM_VERSION}`, "bin");
  const binary = join(cache, "kubeconform");
  if (!existsSync(binary)) {
    mkdirSync(cache, { recursive: true });
    execFileSync("go", ["install", `github.com/yannh/kubeconform/cmd/kubeconform@${KUBECONFORM_VERSION}`], { env: { ...process.env, GOBIN: cache }, stdio: "inherit" });
  }
  return binary;
}

/** Objects of built-in kinds from the reference platform: the realistic part of the corpus. */
function platformObjects(): KubeObject[] {
  const index = kubernetesSchemaBundle(KUBERNETES.defaultVersion).index;
  const objects: KubeObject[] = [];
  for (const [path, content] of synthesizeGitOps(parseSpec({}, "reference"))) {
    if (!path.endsWith(".yaml") || path.endsWith("kustomization.yaml")) continue;
    for (const text of content.split(/^---$/m)) {
      const object = parse(text) as KubeObject | null;
      if (object && typeof object === "object" && index[`${object.apiVersion}/${object.kind}`] !== undefined) objects.push(object);
    }
  }
  return objects;
}

function coreObjects(index: number): KubeObject[] {
  const name = `svc-${index}`;
  const namespace = `team-${index % 20}`;
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "bench" };
  const container = {
    name: "app",
    image: `registry.example.com/${name}:1.${index % 10}.0`,
    ports: [{ name: "http", containerPort: 8080 }],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5 },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    env: [{ name: "INDEX", value: String(index) }],
  };
  const podSpec = { serviceAccountName: name, securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } }, containers: [container] };
  return [
    { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace, labels }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } } },
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace, labels }, spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data: { "config.yaml": `index: ${index}\n` } },
    { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace }, spec: { minAvailable: 1, selector: { matchLabels: labels } } },
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name, namespace },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name, namespace },
      spec: { podSelector: { matchLabels: labels }, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: 8080, protocol: "TCP" }] }] },
    },
    {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name, namespace },
      spec: { schedule: "*/15 * * * *", jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: "OnFailure" } } } } },
    },
  ];
}

function corpus(): KubeObject[] {
  const base = platformObjects();
  const objects: KubeObject[] = [];
  for (let copy = 0; objects.length < OBJECTS / 2; copy++) {
    for (const object of base) objects.push({ ...object, metadata: { ...object.metadata, name: `${object.metadata.name}-${copy}` } });
  }
  for (let index = 0; objects.length < OBJECTS; index++) objects.push(...coreObjects(index));
  // Deliberate errors, spread through the corpus: an unknown field both tools must reject.
  for (let i = 0; i < INVALID; i++) {
    const target = objects[Math.floor(((i + 0.5) * objects.length) / INVALID)] as KubeObject;
    target.spec = { ...(target.spec as Record<string, unknown>), replicass: 3 };
  }
  return objects;
}

/** Wall time, and CPU time (user + system) and peak RSS through GNU time when the machine has it. */
function time(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Measure & { stdout: string } {
  const statsFile = join(workDir, "time.txt");
  const gnuTime = existsSync("/usr/bin/time");
  const start = process.hrtime.bigint();
  const result = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", statsFile, command, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env })
    : spawnSync(command, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  const line = gnuTime ? (readFileSync(statsFile, "utf8").trim().split("\n").pop() ?? "") : "";
  const [user, system, maxKilobytes] = line.split(" ").map(Number);
  const cpu = user !== undefined && system !== undefined && !Number.isNaN(user + system) ? user + system : undefined;
  const rss = maxKilobytes !== undefined && !Number.isNaN(maxKilobytes) ? maxKilobytes / 1024 : undefined;
  return { seconds, ...(cpu !== undefined ? { cpu } : {}), ...(rss !== undefined ? { rss } : {}), stdout: result.stdout };
}

interface Measure {
  readonly seconds: number;
  readonly cpu?: number;
  /** Peak resident set, MiB. */
  readonly rss?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function summary(measures: Measure[]): { wall: number; cpu?: number; rss?: number } {
  const cpu = measures.flatMap((measure) => (measure.cpu === undefined ? [] : [measure.cpu]));
  const rss = measures.flatMap((measure) => (measure.rss === undefined ? [] : [measure.rss]));
  return { wall: median(measures.map((measure) => measure.seconds)), ...(cpu.length > 0 ? { cpu: median(cpu) } : {}), ...(rss.length > 0 ? { rss: Math.max(...rss) } : {}) };
}

function row(label: string, measured: { wall: number; cpu?: number; rss?: number }): string {
  return `${label.padEnd(44)} ${measured.wall.toFixed(2)} s wall${measured.cpu !== undefined ? `, ${measured.cpu.toFixed(2)} s CPU` : ""}${measured.rss !== undefined ? `, ${measured.rss.toFixed(0)} MiB peak RSS` : ""}`;
}

/** A Go module's files (paths relative to the module root) copied into `target`. */
async function moduleFiles(module: string, version: string, paths: readonly string[], target: string): Promise<void> {
  const info = JSON.parse(execFileSync("go", ["mod", "download", "-json", `${module}@${version}`], { encoding: "utf8", cwd: homedir(), env: { ...process.env, GOFLAGS: "" } })) as { Zip: string };
  const prefix = `${module}@${version}/`;
  await unzip(info.Zip, target, (name) => (name.startsWith(prefix) && paths.includes(name.slice(prefix.length)) ? `${module.split("/").slice(1, 3).join("-")}-${name.slice(prefix.length).replace(/\//g, "-")}` : undefined));
}

/** Values a chart needs to render at all (a cluster name), and nothing else: stock installs. */
const CHART_VALUES: Readonly<Record<string, readonly string[]>> = {
  "aws-load-balancer-controller": ["clusterName=bench"],
  karpenter: ["settings.clusterName=bench"],
};

/**
 * The real-world corpus: stock install manifests of Argo CD (plain and HA), Argo Rollouts
 * and the Prometheus Operator bundle from their Go modules at the pinned versions, plus the
 * platform's add-on charts rendered with the real helm (with their CRDs). Returns what was
 * left out and why.
 */
async function realWorldCorpus(directory: string, chartsDirectory: string): Promise<string[]> {
  mkdirSync(directory, { recursive: true });
  await moduleFiles("github.com/argoproj/argo-cd/v3", CHARTS.argoCd.appVersion, ["manifests/install.yaml", "manifests/ha/install.yaml"], directory);
  await moduleFiles("github.com/argoproj/argo-rollouts", CHARTS.argoRollouts.appVersion, ["manifests/install.yaml"], directory);
  await moduleFiles("github.com/prometheus-operator/prometheus-operator", CHARTS.kubePrometheusStack.appVersion, ["bundle.yaml"], directory);
  const skipped: string[] = [];
  if (!existsSync(chartsDirectory)) return [`charts: ${chartsDirectory} is absent`];
  const helm = await helmPath();
  for (const file of readdirSync(chartsDirectory).filter((name) => name.endsWith(".tgz")).sort()) {
    const chart = file.replace(/-v?\d+\.\d+\.\d+\.tgz$/, "");
    try {
      const rendered = execFileSync(helm, ["template", chart, join(chartsDirectory, file), "--include-crds", "--namespace", chart, ...(CHART_VALUES[chart] ?? []).flatMap((value) => ["--set", value])], {
        encoding: "utf8",
        maxBuffer: 512 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
      });
      writeFileSync(join(directory, `chart-${file.replace(/\.tgz$/, "")}.yaml`), rendered);
    } catch (error) {
      skipped.push(`${file}: ${String((error as { stderr?: string }).stderr ?? error).trim().split("\n")[0]}`);
    }
  }
  return skipped;
}

/** Schemas of every CRD the corpus uses, bundled or in the corpus itself, in kubeconform's layout. */
async function writeCorpusCrdSchemas(layout: ReturnType<typeof writeKubeconformSchemas>, corpusDirectory: string): Promise<number> {
  const { loadInputs } = await import("../src/check/load/load-inputs.js");
  const { customResourceVersions, isCustomResourceDefinition } = await import("../src/check/schema/custom-resource-schemas.js");
  const loaded = await loadInputs([corpusDirectory], { cwd: corpusDirectory, kustomize: false });
  const kinds = new Set(loaded.objects.filter((object) => object.apiVersion.includes("/")).map((object) => `${object.apiVersion.slice(0, object.apiVersion.indexOf("/"))}/${object.kind}`));
  const sources = [...platformCrds(kinds), ...loaded.objects.filter((object) => isCustomResourceDefinition(object.document)).map((object) => ({ document: object.document, file: object.file }))];
  return writeKubeconformCustomResourceSchemas(layout, customResourceVersions(sources, KUBERNETES.defaultVersion));
}

interface CorpusResult {
  readonly name: string;
  readonly description: string;
  readonly kubeconform: ReturnType<typeof summary>;
  readonly schema: ReturnType<typeof summary>;
  readonly full: ReturnType<typeof summary>;
  readonly kubeconformSummary: string;
  readonly slipwaySchemaInvalid: number;
}

function compare(name: string, description: string, corpusDirectory: string, layout: ReturnType<typeof writeKubeconformSchemas>, coldCache: boolean): CorpusResult {
  const kubeconformArgs = ["-strict", "-summary", "-kubernetes-version", layout.kubernetesVersion, "-schema-location", layout.schemaLocation, corpusDirectory];
  const schemaArgs = [cli, "check", corpusDirectory, "--k8s-version", KUBERNETES.defaultVersion, "--enable", "schema", "--enable", "parse", "--enable", "unknown-kind", "--output", "json"];
  const fullArgs = [cli, "check", corpusDirectory, "--k8s-version", KUBERNETES.defaultVersion, "--output", "json"];
  const measured = { kubeconform: [] as Measure[], schema: [] as Measure[], full: [] as Measure[] };
  let kubeconformSummary = "";
  let slipwaySchemaInvalid = 0;
  for (let run = 0; run < runs; run++) {
    // A cold cache on every run when asked: the compiled validators are rebuilt each time.
    const env = coldCache ? { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(workDir, "cache-")) } : process.env;
    const k = time(kubeconform, kubeconformArgs);
    kubeconformSummary = k.stdout.trim().split("\n").pop() ?? "";
    measured.kubeconform.push(k);
    const s = time(process.execPath, schemaArgs, env);
    const report = JSON.parse(s.stdout) as { findings: { ruleId: string; object?: string; file: string }[] };
    slipwaySchemaInvalid = new Set(report.findings.filter((finding) => finding.ruleId === "schema").map((finding) => `${finding.file}:${finding.object}`)).size;
    measured.schema.push(s);
    measured.full.push(time(process.execPath, fullArgs, coldCache ? { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(workDir, "cache-")) } : process.env));
  }
  return { name, description, kubeconform: summary(measured.kubeconform), schema: summary(measured.schema), full: summary(measured.full), kubeconformSummary, slipwaySchemaInvalid };
}

function report(result: CorpusResult): string {
  const ratio = (slipway: number) => `${(result.kubeconform.wall / slipway).toFixed(2)}x`;
  const memory = result.kubeconform.rss !== undefined && result.full.rss !== undefined ? `, peak RSS slipway (every rule) / kubeconform ${(result.full.rss / result.kubeconform.rss).toFixed(2)}x` : "";
  return [
    `${result.name}: ${result.description}`,
    row(`  kubeconform ${KUBECONFORM_VERSION} -strict (4 workers)`, result.kubeconform) + `  [${result.kubeconformSummary}]`,
    row("  slipway check, schema rules only", result.schema) + `  [invalid objects: ${result.slipwaySchemaInvalid}]`,
    row("  slipway check, every rule", result.full),
    `  speed-up over kubeconform (its wall / slipway's): schema only ${ratio(result.schema.wall)}, every rule ${ratio(result.full.wall)}${memory}`,
  ].join("\n");
}

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] ?? 3) || 3;
const coldCache = process.argv.includes("--cold");
const chartsArgument = process.argv.indexOf("--charts");
const chartsDirectory = resolve(chartsArgument !== -1 ? (process.argv[chartsArgument + 1] ?? "") : join(REPO_ROOT, "..", "shared", "charts"));
const workDir = join(tmpdir(), "slipway-bench");
rmSync(workDir, { recursive: true, force: true });
const corpusDir = join(workDir, "corpus");
mkdirSync(corpusDir, { recursive: true });
const objects = corpus();
for (let start = 0, file = 0; start < objects.length; start += PER_FILE, file++) {
  writeFileSync(join(corpusDir, `objects-${String(file).padStart(3, "0")}.yaml`), toYamlStream(objects.slice(start, start + PER_FILE)));
}
const layout = writeKubeconformSchemas(join(workDir, "schemas"), KUBERNETES.defaultVersion);
const realDir = join(workDir, "real-world");
const skipped = await realWorldCorpus(realDir, chartsDirectory);
const crdSchemas = await writeCorpusCrdSchemas(layout, realDir);
const kubeconform = kubeconformBinary();
const cli = join(REPO_ROOT, "dist", "cli", "main.js");
if (!existsSync(cli)) throw new Error("build first: npx tsc -p .");

const synthetic = compare("synthetic", `${objects.length} objects in ${Math.ceil(objects.length / PER_FILE)} files, ${INVALID} invalid; schemas: Kubernetes ${layout.kubernetesVersion} (${layout.files} kinds)`, corpusDir, layout, coldCache);
const realFiles = readdirSync(realDir).sort();
const real = compare("real-world", `${realFiles.length} files (${realFiles.join(", ")}); ${crdSchemas} CRD schemas written for kubeconform${skipped.length > 0 ? `; left out: ${skipped.join("; ")}` : ""}`, realDir, layout, coldCache);
process.stdout.write(
  [
    report(synthetic),
    report(real),
    `median of ${runs} runs${coldCache ? ", every Slipway run with an empty cache (compiles every schema)" : " (the first run also fills Slipway's compiled-validator cache)"}; peak RSS is the largest of the runs; ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end, node ${process.version}`,
    "",
  ].join("\n"),
);
