/**
 * Benchmark: does each rule of `slipway check` scale linearly with the input? Builds an
 * input of N applications (a workload, Service, PodDisruptionBudget, HPA, NetworkPolicy,
 * ServiceMonitor, ConfigMap, ExternalSecret, Argo CD Application and AppProject each) in
 * only two namespaces, so that grouping by namespace alone does not hide a scan per
 * selector, then times every rule at N, 2N and 4N applications.
 *
 * A linear rule's time grows about 4x from N to 4N, a quadratic one about 16x; rules
 * above 8x are flagged. CPU time of this thread (not wall) and the best of several runs,
 * so that a busy machine disturbs the ratio less. Not a test: on a shared 2-core machine a
 * timing ratio of millisecond runs is not reliable enough to fail a build on.
 *
 * Usage: npx tsx bench/rules-scaling.ts [--apps N] [--runs R]   (default 500 applications, 3 runs)
 */
import { cpus, loadavg } from "node:os";
import type { SourceObject } from "../src/check/finding.js";
import type { CheckContext, Rule } from "../src/check/rule.js";
import { RULES } from "../src/check/rule-registry.js";

const NAMESPACES = ["shop", "payments"];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]) || fallback;
}

function applicationObjects(index: number): Record<string, unknown>[] {
  const name = `app-${index}`;
  const namespace = NAMESPACES[index % NAMESPACES.length] as string;
  const labels = { "app.kubernetes.io/name": name, tier: index % 3 === 0 ? "web" : "worker" };
  const container = {
    name: "app",
    image: `registry.example.com/${name}:1.0.${index}`,
    ports: [{ name: "http", containerPort: 8080 }],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    readinessProbe: { httpGet: { path: "/ready", port: "http" } },
    envFrom: [{ configMapRef: { name } }, { secretRef: { name } }],
  };
  const template = { metadata: { labels }, spec: { containers: [container] } };
  const rollout = index % 4 === 0;
  return [
    rollout
      ? { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name, namespace }, spec: { selector: { matchLabels: labels }, template, strategy: { canary: { stableService: name } } } }
      : { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace, labels }, spec: { selector: { matchLabels: labels }, template } },
    { apiVersion: "v1", kind: "Service", metadata: { name, namespace, labels }, spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] } },
    { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace }, spec: { minAvailable: 1, selector: { matchLabels: labels } } },
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name, namespace },
      spec: { scaleTargetRef: rollout ? { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name } : { apiVersion: "apps/v1", kind: "Deployment", name }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name, namespace },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } }, podSelector: { matchLabels: { "app.kubernetes.io/name": `app-${index + NAMESPACES.length}` } } }], ports: [{ port: "http", protocol: "TCP" }] }],
        egress: [
          { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ port: 53, protocol: "UDP" }, { port: 53, protocol: "TCP" }] },
          { to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": `app-${index + NAMESPACES.length}` } } }] },
        ],
      },
    },
    { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name, namespace }, spec: { selector: { matchLabels: labels }, endpoints: [{ port: "http" }] } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data: { "config.yaml": `index: ${index}\n` } },
    { apiVersion: "external-secrets.io/v1", kind: "ExternalSecret", metadata: { name, namespace }, spec: { secretStoreRef: { kind: "ClusterSecretStore", name: "aws" }, data: [{ secretKey: "password", remoteRef: { key: name } }] } },
    { apiVersion: "argoproj.io/v1alpha1", kind: "AppProject", metadata: { name, namespace: "argocd" }, spec: { destinations: [{ server: "https://kubernetes.default.svc", namespace }] } },
    { apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name, namespace: "argocd" }, spec: { project: name, destination: { server: "https://kubernetes.default.svc", namespace }, source: { repoURL: "https://example.com/repo.git", path: name } } },
  ];
}

function input(applications: number): SourceObject[] {
  const documents: Record<string, unknown>[] = [
    ...NAMESPACES.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "pod-security.kubernetes.io/enforce": "restricted" } } })),
    { apiVersion: "external-secrets.io/v1", kind: "ClusterSecretStore", metadata: { name: "aws" }, spec: { provider: { aws: { service: "SecretsManager", region: "eu-west-1" } } } },
  ];
  for (let index = 0; index < applications; index++) documents.push(...applicationObjects(index));
  return documents.map((document, index) => {
    const metadata = document.metadata as { name: string; namespace?: string };
    return { document, apiVersion: String(document.apiVersion), kind: String(document.kind), name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}), file: `objects-${Math.floor(index / 100)}.yaml`, documentIndex: index % 100, line: 1 };
  });
}

/** CPU milliseconds of each rule over one input; views shared between rules are built by the first rule that needs them. */
function timeRules(rules: readonly Rule[], objects: readonly SourceObject[]): Map<string, number> {
  // A fresh array: the views rules share are kept per input array.
  const context: CheckContext = { objects: [...objects], kubernetesVersion: "1.35", customResourceKinds: new Set(), argocd: "self-managed" };
  const times = new Map<string, number>();
  for (const rule of rules) {
    const started = process.cpuUsage();
    rule.check(context);
    const used = process.cpuUsage(started);
    times.set(rule.id, (used.user + used.system) / 1000);
  }
  return times;
}

const applications = option("--apps", 500);
const runs = option("--runs", 3);
const sizes = [applications, applications * 2, applications * 4];
const inputs = sizes.map(input);
timeRules(RULES, inputs[0] as SourceObject[]); // warm up the compiler on the smallest input
const best = sizes.map((_, sizeIndex) => {
  const fastest = new Map<string, number>();
  for (let run = 0; run < runs; run++) {
    for (const [id, time] of timeRules(RULES, inputs[sizeIndex] as SourceObject[])) fastest.set(id, Math.min(fastest.get(id) ?? Infinity, time));
  }
  return fastest;
});

const lines = [`rule (CPU ms, best of ${runs})`.padEnd(56) + sizes.map((size, index) => `${(inputs[index] as SourceObject[]).length} obj`.padStart(11)).join("") + "   4x input"];
const total = sizes.map(() => 0);
const flagged: string[] = [];
for (const rule of RULES) {
  const times = best.map((byRule) => byRule.get(rule.id) ?? 0);
  times.forEach((time, index) => (total[index] = (total[index] ?? 0) + time));
  const ratio = (times[2] as number) / Math.max(times[0] as number, 0.05);
  if (ratio > 8 && (times[2] as number) > 5) flagged.push(rule.id);
  lines.push(rule.id.padEnd(56) + times.map((time) => time.toFixed(1).padStart(11)).join("") + `${ratio.toFixed(1).padStart(10)}x`);
}
lines.push("every rule".padEnd(56) + total.map((time) => time.toFixed(0).padStart(11)).join("") + `${((total[2] as number) / (total[0] as number)).toFixed(1).padStart(10)}x`);
lines.push(flagged.length > 0 ? `grows faster than linear (over 8x for 4x the input): ${flagged.join(", ")}` : "every rule grows at most 8x for 4x the input (linear: 4x, quadratic: 16x)");
lines.push(`${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}, node ${process.version}`);
process.stdout.write(`${lines.join("\n")}\n`);
