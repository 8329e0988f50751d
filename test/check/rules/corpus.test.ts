/**
 * The corpus: one folder of manifests per rule under test/fixtures/check/bad (written from
 * upstream documentation examples), each of which must make exactly that rule fire with
 * exactly these messages, and test/fixtures/check/clean, on which no lint rule fires.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import type { ArgoCdTarget } from "../../../src/check/rule.js";
import { LINT_RULES } from "../../../src/check/rules/index.js";
import { lintRules, type RuleOptions } from "../../../src/check/rules/rule-options.js";
import { REPO_ROOT, SHARED_CRDS_DIR } from "../../support/paths.js";
import { runLintRules } from "./support/run-lint-rules.js";
import { needsShared } from "../../support/shared.js";

const BAD = resolve(REPO_ROOT, "test/fixtures/check/bad");
const CLEAN = resolve(REPO_ROOT, "test/fixtures/check/clean");

interface Case {
  readonly rule: string;
  /** `Kind namespace/name: message`, sorted as findings are. */
  readonly findings: readonly string[];
  /** Rules the same defect necessarily trips too, and why. */
  readonly alsoFires?: readonly string[];
  /** The Argo CD the check targets (`--argocd`); the capability's rules need eks-capability. */
  readonly argocd?: ArgoCdTarget;
  /** Rule parameters (`--rules-config`), when the defect is cheaper to show with another limit. */
  readonly ruleOptions?: RuleOptions;
}

const CASES: readonly Case[] = [
  {
    rule: "argocd-capability/namespace",
    argocd: "eks-capability",
    findings: ["Application team-a/guestbook: Application is in namespace team-a; the EKS Argo CD capability reads Applications only in argocd"],
  },
  {
    rule: "argocd-capability/plugin",
    argocd: "eks-capability",
    findings: ["Application argocd/guestbook: spec.source.plugin (argocd-vault-plugin) needs a config management plugin; the EKS Argo CD capability runs none"],
  },
  {
    rule: "argocd-capability/application-count",
    argocd: "eks-capability",
    ruleOptions: { params: { "argocd-capability/application-count": { maxApplications: 2 } } },
    findings: ["Application argocd/guestbook-c: the input holds 3 Applications; the EKS Argo CD capability manages at most 2"],
  },
  {
    rule: "argocd-capability/in-cluster",
    argocd: "eks-capability",
    findings: ["Application argocd/guestbook: destination.server is https://kubernetes.default.svc, which the EKS Argo CD capability does not support: it runs outside the cluster"],
  },
  {
    rule: "network-policy/dns-blocked",
    findings: [
      "Deployment demo/web: DNS is blocked: egress NetworkPolicies default-deny-egress of this workload allow no traffic to 53/UDP and 53/TCP of the DNS pods in namespace kube-system",
    ],
  },
  {
    rule: "network-policy/dns-tcp-blocked",
    findings: [
      "Deployment demo/api: DNS over TCP is blocked: egress NetworkPolicies allow-dns-udp, default-deny-egress of this workload allow no traffic to 53/TCP of the DNS pods in namespace kube-system; names resolve over UDP, but an answer too large for UDP is truncated and its retry over TCP fails",
    ],
  },
  {
    rule: "network-policy/namespace-selector-matches-nothing",
    findings: [
      "NetworkPolicy demo/test-network-policy: namespaceSelector project=myproject of ingress rule 1 peer 2 matches no namespace; namespaces in the input: default, demo, kube-node-lease, kube-public, kube-system",
    ],
  },
  {
    rule: "network-policy/pod-selector-matches-nothing",
    findings: [
      "NetworkPolicy demo/test-network-policy: podSelector role=database selects no pod in namespace demo: the policy protects nothing",
      "NetworkPolicy demo/test-network-policy: podSelector role=front-end of ingress rule 1 peer 3 matches no pod in namespace demo",
    ],
  },
  {
    rule: "network-policy/workload-without-policy",
    findings: [
      "Deployment demo/frontend: no NetworkPolicy selects this workload although namespace demo has NetworkPolicies (test-network-policy): all its ingress and egress is allowed",
    ],
  },
  {
    rule: "reference/hpa-target",
    findings: [
      "HorizontalPodAutoscaler demo/rollouts-demo: scaleTargetRef Deployment rollouts-demo is not in the input but Rollout rollouts-demo is: an HPA must scale the Rollout",
      "HorizontalPodAutoscaler demo/fluent-bit: scaleTargetRef DaemonSet fluent-bit cannot be scaled: DaemonSet has no scale subresource",
      "HorizontalPodAutoscaler demo/php-apache: scaleTargetRef Deployment php-apache matches no object in namespace demo",
    ],
  },
  {
    rule: "reference/hpa-resource-requests",
    findings: [
      'HorizontalPodAutoscaler demo/php-apache: cpu Utilization target needs cpu requests, but container "php-apache" of Deployment php-apache requests no cpu: the HPA cannot compute utilisation',
    ],
    // A container without a cpu request is also a best-practice finding, and without a
    // limit (a limit would have defaulted the request).
    alsoFires: ["best-practice/cpu-requests", "best-practice/cpu-limits"],
  },
  {
    rule: "reference/hpa-custom-metrics",
    findings: [
      "HorizontalPodAutoscaler demo/php-apache: External metric queue_messages_ready needs the external.metrics.k8s.io API, but nothing in the input serves it (no APIService, prometheus-adapter or KEDA)",
      "HorizontalPodAutoscaler demo/php-apache: Pods metric packets-per-second is not among the custom metrics Application argocd/prometheus-adapter serves (http_requests_per_second)",
    ],
  },
  {
    rule: "reference/rollout-analysis-template",
    findings: [
      "Rollout demo/guestbook: canary background analysis names AnalysisTemplate success-rate, which is not in namespace demo",
      "Rollout demo/guestbook: canary step 3 analysis names ClusterAnalysisTemplate error-rate, which is not in the input",
    ],
  },
  {
    rule: "reference/rollout-service",
    findings: ["Rollout demo/rollouts-demo: canary.canaryService names Service rollouts-demo-canary, which is not in namespace demo"],
  },
  {
    rule: "reference/service-selector",
    findings: ["Service demo/my-service: selector app.kubernetes.io/name=MyApp matches no pod template in namespace demo"],
  },
  {
    rule: "reference/pdb-selector",
    findings: ["PodDisruptionBudget demo/zk-pdb: selector app=zookeeper matches no pod template in namespace demo"],
  },
  {
    rule: "reference/service-monitor-port",
    findings: ['ServiceMonitor demo/example-app: endpoint port "metrics" names no port of the selected Services (demo/example-app: web)'],
  },
  {
    rule: "reference/external-secret-store",
    findings: [
      "ExternalSecret demo/example: secretStoreRef names SecretStore secretstore-sample, which is not in namespace demo; a ClusterSecretStore secretstore-sample exists: set kind: ClusterSecretStore",
      "ExternalSecret demo/database: secretStoreRef names ClusterSecretStore vault-backend, which is not in the input",
    ],
  },
  {
    rule: "reference/storage-class",
    findings: ["PersistentVolumeClaim demo/myclaim: storageClassName names StorageClass gp2, which is not in the input (StorageClasses: gp3)"],
  },
  {
    rule: "reference/default-storage-class",
    findings: [
      "PersistentVolumeClaim demo/myclaim: storageClassName names no StorageClass and none of the input's StorageClasses (gp3) is the default",
    ],
  },
  {
    rule: "reference/argocd-project",
    findings: [
      "Application argocd/guestbook: destination https://kubernetes.default.svc/kube-system is not permitted by AppProject team-a (destinations: https://kubernetes.default.svc/team-a, */!kube-system)",
      "Application argocd/guestbook-typo: project team-b is not an AppProject in the input",
    ],
  },
  {
    rule: "reference/configmap-ref",
    findings: [
      'Deployment demo/dapi-test: container "test-container" env GAME reads key "game.props" of ConfigMap game-config, which has no such key (keys of ConfigMap game-config: game.properties, ui.properties)',
      'Deployment demo/dapi-test: container "test-container" env SPECIAL_LEVEL_KEY reads ConfigMap special-config, which is not in namespace demo',
    ],
  },
  {
    rule: "reference/secret-ref",
    findings: [
      'Deployment demo/secret-env: container "mycontainer" env DB_PASSWORD reads key "passwd" of Secret db-credentials, which has no such key (keys of ExternalSecret db-credentials: password)',
      'Deployment demo/secret-env: container "mycontainer" env SECRET_USERNAME reads Secret backend-user, which is not in namespace demo',
    ],
  },
  {
    rule: "best-practice/cpu-requests",
    findings: ['Deployment demo/nginx-deployment: container "nginx" has no resources.requests.cpu'],
    alsoFires: ["best-practice/cpu-limits"], // a cpu limit would have defaulted the request
  },
  {
    rule: "best-practice/memory-requests",
    findings: ['Deployment demo/nginx-deployment: container "nginx" has no resources.requests.memory'],
    alsoFires: ["best-practice/memory-limits"], // a memory limit would have defaulted the request
  },
  { rule: "best-practice/memory-limits", findings: ['Deployment demo/nginx-deployment: container "nginx" has no resources.limits.memory'] },
  { rule: "best-practice/cpu-limits", findings: ['Deployment demo/nginx-deployment: container "nginx" has no resources.limits.cpu'] },
  {
    rule: "best-practice/requests-exceed-limits",
    findings: ['Deployment demo/nginx-deployment: spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
  },
  { rule: "best-practice/readiness-probe", findings: ['Deployment demo/goproxy: container "goproxy" has no readinessProbe'] },
  { rule: "best-practice/liveness-probe", findings: ['Deployment demo/goproxy: container "goproxy" has no livenessProbe'] },
  {
    rule: "best-practice/mutable-image-tag",
    findings: [
      'Deployment demo/nginx-deployment: container "nginx" uses image nginx without a tag, which resolves to the mutable tag latest',
      'Pod demo/nginx: container "nginx" uses image nginx:latest with the mutable tag latest',
    ],
  },
  {
    rule: "best-practice/quota-without-limit-range",
    findings: [
      "ResourceQuota demo/compute-resources: ResourceQuota constrains limits.cpu, limits.memory, requests.cpu, requests.memory but namespace demo has no LimitRange: pods that do not set them are rejected",
    ],
  },
  {
    rule: "best-practice/secret-in-manifest",
    findings: ["Secret demo/mysecret: Secret carries password, username in plain text (base64 is an encoding, not encryption)"],
  },
  {
    rule: "best-practice/secret-in-env",
    findings: ['Deployment demo/mysql: container "mysql" env MYSQL_ROOT_PASSWORD holds a literal value that looks like a secret'],
  },
  {
    rule: "best-practice/secret-in-helm-values",
    findings: [
      "Application argocd/grafana: helm.valuesObject adminPassword holds a literal value that looks like a secret",
      "Application argocd/kube-prometheus-stack: sources[0].helm.parameters grafana.adminPassword holds a literal value that looks like a secret",
      "Application argocd/kube-prometheus-stack: sources[0].helm.values alertmanager.config.global.slack_api_url holds a webhook URL whose path is a credential",
    ],
  },
];

function folderOf(rule: string): string {
  return resolve(BAD, rule.replaceAll("/", "-"));
}

describe("bad corpus", () => {
  test.each(CASES)("GIVEN the $rule folder WHEN every lint rule runs THEN only $rule fires, with the exact messages", async (entry) => {
    const findings = await runLintRules(folderOf(entry.rule), entry.ruleOptions ? lintRules(entry.ruleOptions) : LINT_RULES, entry.argocd);
    const ruleIds = new Set(findings.map((finding) => finding.ruleId));
    expect([...ruleIds].sort()).toEqual([entry.rule, ...(entry.alsoFires ?? [])].sort());
    const own = findings.filter((finding) => finding.ruleId === entry.rule);
    expect(own.map((finding) => `${finding.object}: ${finding.message}`)).toEqual(entry.findings);
    const rule = LINT_RULES.find((candidate) => candidate.id === entry.rule);
    for (const finding of own) {
      expect(finding.severity).toBe(rule?.severity);
      expect(finding.file).toBe(`test/fixtures/check/bad/${entry.rule.replaceAll("/", "-")}/manifests.yaml`);
      expect(finding.line).toBeGreaterThan(0);
      expect(finding.fix).not.toBe("");
    }
  });

  test("GIVEN the corpus WHEN folders are listed THEN every lint rule has exactly one bad folder and a case", () => {
    const folders = readdirSync(BAD).sort();
    const rules = LINT_RULES.map((rule) => rule.id.replaceAll("/", "-")).sort();
    expect(folders).toEqual(rules);
    expect(CASES.map((entry) => entry.rule).sort()).toEqual(LINT_RULES.map((rule) => rule.id).sort());
  });
});

describe("clean corpus", () => {
  test("GIVEN manifests that follow every rule WHEN every lint rule runs THEN nothing fires", async () => {
    expect(await runLintRules(CLEAN)).toEqual([]);
  });
});

describe.skipIf(needsShared("the corpus through the whole checker (schemas with upstream CRDs)"))("corpus through the whole checker", () => {
  // Schemas (with the add-ons' upstream CRDs), Pod Security, deprecations and every lint rule:
  // the fixtures are valid, compliant manifests whose only defect is the one their folder names.
  const check = (folder: string, entry?: Case) =>
    checkManifests([folder], {
      cwd: REPO_ROOT,
      crdDirectories: [SHARED_CRDS_DIR],
      kustomize: false,
      failOn: "info",
      ...(entry?.argocd ? { argocd: entry.argocd } : {}),
      ...(entry?.ruleOptions ? { ruleOptions: entry.ruleOptions } : {}),
    });

  test("GIVEN the clean corpus WHEN slipway check runs THEN it passes with no finding at all", async () => {
    const result = await check("test/fixtures/check/clean");
    expect(result.findings).toEqual([]);
    expect(result.failed).toBe(false);
  });

  test.each(CASES)("GIVEN the $rule folder WHEN slipway check runs THEN only $rule (and what it implies) is found", async (entry) => {
    const result = await check(`test/fixtures/check/bad/${entry.rule.replaceAll("/", "-")}`, entry);
    expect([...new Set(result.findings.map((finding) => finding.ruleId))].sort()).toEqual([entry.rule, ...(entry.alsoFires ?? [])].sort());
  });
});
