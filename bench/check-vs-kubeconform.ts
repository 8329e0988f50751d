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
 * Usage: npx tsc -p . && npx tsx bench/check-vs-kubeconform.ts [--runs N]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, homedir, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeKubeconformSchemas } from "../src/check/schema/kubeconform-layout.js";
import { kubernetesSchemaBundle } from "../src/check/schema/kubernetes-schema-bundle.js";
import { synthesizeGitOps } from "../src/gitops/synthesize.js";
import type { KubeObject } from "../src/manifest/kube-object.js";
import { toYamlStream } from "../src/manifest/serialize.js";
import { parseSpec } from "../src/spec/load.js";
import { KUBERNETES } from "../src/versions.js";
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

/** Wall time, and CPU time (user + system) through GNU time when the machine has it: less sensitive to a busy machine. */
function time(command: string, args: readonly string[]): { seconds: number; cpu?: number; stdout: string } {
  const cpuFile = join(workDir, "cpu.txt");
  const gnuTime = existsSync("/usr/bin/time");
  const start = process.hrtime.bigint();
  const result = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "%U %S", "-o", cpuFile, command, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(command, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  const cpuLine = gnuTime ? readFileSync(cpuFile, "utf8").trim().split("\n").pop() ?? "" : "";
  const [user, system] = cpuLine.split(" ").map(Number);
  const cpu = user !== undefined && system !== undefined && !Number.isNaN(user + system) ? user + system : undefined;
  return { seconds, ...(cpu !== undefined ? { cpu } : {}), stdout: result.stdout };
}

function cpuText(values: number[]): string {
  return values.length > 0 ? `, ${median(values).toFixed(2)} s CPU` : "";
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] ?? 3) || 3;
const workDir = join(tmpdir(), "slipway-bench");
rmSync(workDir, { recursive: true, force: true });
const corpusDir = join(workDir, "corpus");
mkdirSync(corpusDir, { recursive: true });
const objects = corpus();
for (let start = 0, file = 0; start < objects.length; start += PER_FILE, file++) {
  writeFileSync(join(corpusDir, `objects-${String(file).padStart(3, "0")}.yaml`), toYamlStream(objects.slice(start, start + PER_FILE)));
}
const layout = writeKubeconformSchemas(join(workDir, "schemas"), KUBERNETES.defaultVersion);
const kubeconform = kubeconformBinary();
const cli = join(REPO_ROOT, "dist", "cli", "main.js");
if (!existsSync(cli)) throw new Error("build first: npx tsc -p .");

const kubeconformArgs = ["-strict", "-summary", "-kubernetes-version", layout.kubernetesVersion, "-schema-location", layout.schemaLocation, corpusDir];
const schemaArgs = [cli, "check", corpusDir, "--enable", "schema", "--enable", "parse", "--enable", "unknown-kind", "--output", "json"];
const fullArgs = [cli, "check", corpusDir, "--output", "json"];

const measured = { kubeconform: [] as number[], schema: [] as number[], full: [] as number[] };
const cpu = { kubeconform: [] as number[], schema: [] as number[] };
let kubeconformSummary = "";
let slipwayInvalid = 0;
for (let run = 0; run < runs; run++) {
  const k = time(kubeconform, kubeconformArgs);
  kubeconformSummary = k.stdout.trim().split("\n").pop() ?? "";
  measured.kubeconform.push(k.seconds);
  if (k.cpu !== undefined) cpu.kubeconform.push(k.cpu);
  const s = time(process.execPath, schemaArgs);
  const report = JSON.parse(s.stdout) as { findings: { ruleId: string; object?: string; file: string; line?: number }[] };
  slipwayInvalid = new Set(report.findings.filter((finding) => finding.ruleId === "schema").map((finding) => `${finding.file}:${finding.object}`)).size;
  measured.schema.push(s.seconds);
  if (s.cpu !== undefined) cpu.schema.push(s.cpu);
  measured.full.push(time(process.execPath, fullArgs).seconds);
}

const k = median(measured.kubeconform);
const s = median(measured.schema);
const f = median(measured.full);
process.stdout.write(
  [
    `corpus: ${objects.length} objects in ${Math.ceil(objects.length / PER_FILE)} files, ${INVALID} invalid; schemas: Kubernetes ${layout.kubernetesVersion} (${layout.files} kinds)`,
    `kubeconform ${KUBECONFORM_VERSION} -strict (4 workers): ${k.toFixed(2)} s wall${cpuText(cpu.kubeconform)}  [${kubeconformSummary}]`,
    `slipway check, schema rules only:    ${s.toFixed(2)} s wall${cpuText(cpu.schema)}  [invalid objects found: ${slipwayInvalid}]`,
    `slipway check, every rule:           ${f.toFixed(2)} s wall`,
    `wall-time ratio kubeconform / slipway (schema): ${(k / s).toFixed(2)}x ${k > s ? "(slipway faster)" : "(kubeconform faster)"}`,
    `median of ${runs} runs (the first run also fills Slipway's compiled-validator cache) on ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}, node ${process.version}`,
    "",
  ].join("\n"),
);
