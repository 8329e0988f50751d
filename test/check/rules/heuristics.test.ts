/**
 * Edge cases of the lint rules beyond the corpus: when a rule must stay quiet because the
 * input is plausibly partial, and the finer points of the semantics each rule models.
 */
import { describe, expect, test } from "vitest";
import { LINT_RULES } from "../../../src/check/rules/index.js";
import { contextFromYaml } from "./support/run-lint-rules.js";

function messages(ruleId: string, yaml: string): string[] {
  const rule = LINT_RULES.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return rule.check(contextFromYaml(yaml)).map((finding) => `${finding.object}: ${finding.message}`);
}

const pod = (name: string, labels: string, extra = "") => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: demo, labels: ${labels}}
spec:
  containers:
    - name: app
      image: app:1.0.0${extra}
`;

const CHART_IN_DEMO = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: chart, namespace: argocd}
spec:
  project: default
  source: {repoURL: https://charts.example.com, chart: thing, targetRevision: 1.0.0}
  destination: {server: https://kubernetes.default.svc, namespace: demo}
`;

describe("quiet on partial inputs", () => {
  test("GIVEN a namespaceSelector on a custom label and no Namespace objects WHEN checked THEN it is not reported (labels unknown)", () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: demo}
spec:
  podSelector: {}
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}}]}]
`;
    expect(messages("network-policy/namespace-selector-matches-nothing", policy)).toEqual([]);
    expect(messages("network-policy/namespace-selector-matches-nothing", policy.replace("team: blue", "kubernetes.io/metadata.name: bleu"))).toEqual([
      "NetworkPolicy demo/p: namespaceSelector kubernetes.io/metadata.name=bleu of ingress rule 1 peer 1 matches no namespace; namespaces in the input: default, demo, kube-node-lease, kube-public, kube-system",
    ]);
  });

  test("GIVEN a Service in a namespace a Helm chart fills WHEN no input pod matches THEN it is not reported", () => {
    const service = `apiVersion: v1
kind: Service
metadata: {name: s, namespace: demo}
spec: {selector: {app: chart-pods}, ports: [{port: 80}]}
`;
    const input = `${pod("p", "{app: mine}")}---\n${service}`;
    expect(messages("reference/service-selector", input)).toEqual(["Service demo/s: selector app=chart-pods matches no pod template in namespace demo"]);
    expect(messages("reference/service-selector", `${input}---\n${CHART_IN_DEMO}`)).toEqual([]);
    expect(messages("reference/service-selector", service)).toEqual([]);
  });

  test("GIVEN a pod reading a Secret WHEN the namespace has no Secret source in the input THEN it is not reported", () => {
    const reader = pod("p", "{app: a}", "\n      envFrom: [{secretRef: {name: managed-elsewhere}}]");
    expect(messages("reference/secret-ref", reader)).toEqual([]);
    const withSecret = `${reader}---\napiVersion: v1\nkind: Secret\nmetadata: {name: other, namespace: demo}\ntype: Opaque\n`;
    expect(messages("reference/secret-ref", withSecret)).toEqual([
      'Pod demo/p: container "app" envFrom reads Secret managed-elsewhere, which is not in namespace demo',
    ]);
  });

  test("GIVEN Secrets made by cert-manager and Sealed Secrets WHEN pods read them THEN they count as present", () => {
    const input = `${pod("p", "{app: a}", "\n      envFrom: [{secretRef: {name: sealed}}]\n  volumes: [{name: tls, secret: {secretName: web-tls, items: [{key: tls.crt, path: tls.crt}]}}]")}---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: demo}
spec: {secretName: web-tls, dnsNames: [example.com], issuerRef: {name: letsencrypt, kind: ClusterIssuer}}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed, namespace: demo}
spec: {encryptedData: {password: AgBy3i4OJSWK}}
`;
    expect(messages("reference/secret-ref", input)).toEqual([]);
  });

  test("GIVEN StorageClasses absent from the input WHEN a claim names one THEN it is not reported", () => {
    expect(messages("reference/storage-class", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, namespace: demo}\nspec: {storageClassName: gp2}\n")).toEqual([]);
  });

  test("GIVEN a LimitRange with defaults WHEN containers omit resources THEN the resource rules are quiet", () => {
    const limitRange = `apiVersion: v1
kind: LimitRange
metadata: {name: l, namespace: demo}
spec:
  limits: [{type: Container, default: {cpu: 500m, memory: 256Mi}, defaultRequest: {cpu: 100m, memory: 128Mi}}]
`;
    for (const rule of ["best-practice/cpu-requests", "best-practice/memory-requests", "best-practice/memory-limits", "best-practice/cpu-limits"]) {
      expect(messages(rule, `${pod("p", "{app: a}")}---\n${limitRange}`)).toEqual([]);
    }
  });
});

describe("semantics", () => {
  test("GIVEN an HPA on a Deployment that a Rollout adopts through workloadRef WHEN checked THEN the HPA must scale the Rollout", () => {
    const input = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: 0
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1.0.0}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web-rollout, namespace: demo}
spec:
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  strategy: {canary: {steps: [{setWeight: 50}]}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: demo}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
`;
    expect(messages("reference/hpa-target", input)).toEqual([
      "HorizontalPodAutoscaler demo/web: scaleTargetRef Deployment web is the workloadRef of Rollout web-rollout, which keeps it at zero replicas: scale the Rollout",
    ]);
    expect(messages("reference/hpa-target", input.replace("apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas", "apiVersion: apps/v1, kind: Rollout, name: web-rollout}\n  maxReplicas"))).toEqual([
      'HorizontalPodAutoscaler demo/web: scaleTargetRef apiVersion "apps/v1" does not serve kind Rollout: use argoproj.io/v1alpha1',
    ]);
  });

  test("GIVEN an autoscaling/v1 HPA WHEN its target requests no cpu THEN targetCPUUtilizationPercentage counts as a cpu Utilization metric", () => {
    const input = `${pod("p", "{app: a}")}---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: demo}
spec:
  selector: {matchLabels: {app: db}}
  serviceName: db
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db:1.0.0, resources: {limits: {cpu: "1"}}}, {name: exporter, image: exporter:1.0.0}]}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: db, namespace: demo}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
  maxReplicas: 3
  targetCPUUtilizationPercentage: 60
`;
    expect(messages("reference/hpa-resource-requests", input)).toEqual([
      'HorizontalPodAutoscaler demo/db: cpu Utilization target needs cpu requests, but container "exporter" of StatefulSet db requests no cpu: the HPA cannot compute utilisation',
    ]);
  });

  test("GIVEN a custom-metrics APIService WHEN an HPA uses any Pods metric THEN it is served", () => {
    const input = `${pod("p", "{app: a}")}---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.custom.metrics.k8s.io}
spec: {group: custom.metrics.k8s.io, version: v1beta1, service: {name: adapter, namespace: monitoring}, groupPriorityMinimum: 100, versionPriority: 100}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: p, namespace: demo}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: p}
  maxReplicas: 3
  metrics: [{type: Pods, pods: {metric: {name: anything}, target: {type: AverageValue, averageValue: "1"}}}]
`;
    expect(messages("reference/hpa-custom-metrics", input)).toEqual([]);
  });

  test("GIVEN prometheus-adapter with the chart's default rules WHEN an HPA asks for any name THEN it may be served", () => {
    const input = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: prometheus-adapter, namespace: argocd}
spec:
  project: default
  source: {repoURL: https://prometheus-community.github.io/helm-charts, chart: prometheus-adapter, targetRevision: 5.1.0}
  destination: {server: https://kubernetes.default.svc, namespace: monitoring}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: p, namespace: demo}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: p}
  maxReplicas: 3
  metrics: [{type: Object, object: {metric: {name: requests-per-second}, describedObject: {apiVersion: v1, kind: Service, name: p}, target: {type: Value, value: "1"}}}]
`;
    expect(messages("reference/hpa-custom-metrics", input)).toEqual([]);
  });

  test("GIVEN Argo CD destination patterns WHEN Applications deploy THEN globs and deny patterns are honoured", () => {
    const project = `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: teams, namespace: argocd}
spec:
  destinations:
    - {server: "*", namespace: "team-*"}
    - {server: "*", namespace: "!team-secret"}
`;
    const application = (name: string, destination: string) => `---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: ${name}, namespace: argocd}
spec:
  project: teams
  source: {repoURL: https://github.com/example/apps.git, path: x, targetRevision: main}
  destination: ${destination}
`;
    const input =
      project +
      application("a", "{server: https://kubernetes.default.svc, namespace: team-a}") +
      application("b", "{name: in-cluster, namespace: team-secret}") +
      application("c", "{name: staging, namespace: team-b}");
    expect(messages("reference/argocd-project", input)).toEqual([
      "Application argocd/b: destination in-cluster/team-secret is not permitted by AppProject teams (destinations: */team-*, */!team-secret)",
      "Application argocd/c: destination staging/team-b is not permitted by AppProject teams (destinations: */team-*, */!team-secret)",
    ]);
  });

  test("GIVEN Helm values that only point at secrets WHEN checked THEN nothing is reported", () => {
    const input = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: grafana, namespace: argocd}
spec:
  project: default
  source:
    repoURL: https://grafana.github.io/helm-charts
    chart: grafana
    targetRevision: 8.8.2
    helm:
      valuesObject:
        admin: {existingSecret: grafana-admin, userKey: admin-user, passwordKey: admin-password}
        env: {GF_SECURITY_ADMIN_PASSWORD: "$__file{/etc/secrets/password}", TOKEN_URL: "{{ .Values.url }}"}
        alertmanager: {slack_api_url_file: /etc/alertmanager/secrets/slack}
        password: ""
  destination: {server: https://kubernetes.default.svc, namespace: monitoring}
`;
    expect(messages("best-practice/secret-in-helm-values", input)).toEqual([]);
  });

  test("GIVEN init containers and Jobs WHEN probes are checked THEN only long-running containers must have them", () => {
    const input = `apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: demo}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: migrate:1.0.0}]
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: demo}
spec:
  initContainers:
    - {name: setup, image: setup:1.0.0}
    - {name: proxy, image: proxy:1.0.0, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 1}}}
  containers: [{name: app, image: app:1.0.0, readinessProbe: {tcpSocket: {port: 1}}}]
`;
    expect(messages("best-practice/readiness-probe", input)).toEqual([]);
    // In the order of the document: each finding is on its container's line.
    expect(messages("best-practice/liveness-probe", input)).toEqual([
      'Pod demo/p: container "proxy" has no livenessProbe',
      'Pod demo/p: container "app" has no livenessProbe',
    ]);
  });

  test("GIVEN a hostNetwork pod under default-deny egress WHEN DNS is checked THEN it is skipped (policies do not apply to it)", () => {
    const input = `${pod("node-agent", "{app: agent}").replace("spec:\n", "spec:\n  hostNetwork: true\n")}---
${pod("app", "{app: app}")}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: demo}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
    expect(messages("network-policy/dns-blocked", input)).toEqual([
      "Pod demo/app: DNS is blocked: egress NetworkPolicies deny of this workload allow no traffic to 53/UDP and 53/TCP of the DNS pods in namespace kube-system",
    ]);
  });

  test.each([
    { name: "only UDP", ports: "[{port: 53, protocol: UDP}]", blocked: [], tcpBlocked: ["Pod demo/app: DNS over TCP is blocked: egress NetworkPolicies dns of this workload allow no traffic to 53/TCP of the DNS pods in namespace kube-system; names resolve over UDP, but an answer too large for UDP is truncated and its retry over TCP fails"] },
    { name: "only TCP", ports: "[{port: 53, protocol: TCP}]", blocked: ["Pod demo/app: DNS is blocked: egress NetworkPolicies dns of this workload allow no traffic to 53/UDP of the DNS pods in namespace kube-system"], tcpBlocked: [] },
    { name: "UDP and TCP", ports: "[{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]", blocked: [], tcpBlocked: [] },
  ])("GIVEN an egress policy allowing DNS over $name WHEN checked THEN a blocked UDP is the error, a blocked TCP alone the warning", ({ ports, blocked, tcpBlocked }) => {
    const input = `${pod("app", "{app: app}")}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: demo}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{namespaceSelector: {}}], ports: ${ports}}]
`;
    expect(messages("network-policy/dns-blocked", input)).toEqual(blocked);
    expect(messages("network-policy/dns-tcp-blocked", input)).toEqual(tcpBlocked);
  });

  test("GIVEN DNS allowed to every namespace on port 53 WHEN checked THEN DNS is not blocked", () => {
    const input = `${pod("app", "{app: app}")}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: demo}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{namespaceSelector: {}}], ports: [{port: 53, protocol: UDP}, {port: dns-tcp, protocol: TCP}]}]
`;
    expect(messages("network-policy/dns-blocked", input)).toEqual([]);
  });

  test("GIVEN a ServiceMonitor selecting no Service among Services of its namespace WHEN checked THEN it is reported", () => {
    const input = `${pod("app", "{app: app}")}---
apiVersion: v1
kind: Service
metadata: {name: app, namespace: demo, labels: {app: app}}
spec: {selector: {app: app}, ports: [{name: http, port: 80}]}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app, namespace: demo}
spec:
  selector: {matchLabels: {app: ap}}
  endpoints: [{port: http}]
`;
    expect(messages("reference/service-monitor-port", input)).toEqual([
      "ServiceMonitor demo/app: selector app=ap matches no Service, so no endpoint is scraped",
    ]);
  });

  test("GIVEN per-entry store references and a ClusterExternalSecret WHEN stores are checked THEN each reference is resolved", () => {
    const input = `apiVersion: external-secrets.io/v1
kind: SecretStore
metadata: {name: vault, namespace: demo}
spec: {provider: {fake: {data: []}}}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: mixed, namespace: demo}
spec:
  secretStoreRef: {name: vault}
  data:
    - {secretKey: a, remoteRef: {key: a}, sourceRef: {storeRef: {name: aws, kind: ClusterSecretStore}}}
---
apiVersion: external-secrets.io/v1
kind: ClusterExternalSecret
metadata: {name: shared}
spec:
  namespaceSelectors: [{matchLabels: {team: a}}]
  externalSecretSpec:
    secretStoreRef: {name: vault, kind: SecretStore}
    dataFrom: [{extract: {key: shared}, sourceRef: {storeRef: {name: gcp, kind: ClusterSecretStore}}}]
`;
    expect(messages("reference/external-secret-store", input)).toEqual([
      "ExternalSecret demo/mixed: data[0].sourceRef.storeRef names ClusterSecretStore aws, which is not in the input",
      "ClusterExternalSecret shared: dataFrom[0].sourceRef.storeRef names ClusterSecretStore gcp, which is not in the input",
    ]);
  });

  test("GIVEN a StatefulSet claim template without a class WHEN no StorageClass is default THEN it is reported", () => {
    const input = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gp3}
provisioner: ebs.csi.aws.com
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: demo}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db:1.0.0}]}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
    - metadata: {name: static}
      spec: {storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
    expect(messages("reference/default-storage-class", input)).toEqual([
      "StatefulSet demo/db: volumeClaimTemplate data names no StorageClass and none of the input's StorageClasses (gp3) is the default",
    ]);
  });

  test("GIVEN a projected volume WHEN a ConfigMap source is missing THEN it is reported as projected", () => {
    const input = `apiVersion: v1
kind: ConfigMap
metadata: {name: present, namespace: demo}
data: {a: "1"}
---
${pod("app", "{app: app}")}  volumes:
    - name: all-in-one
      projected:
        sources:
          - configMap: {name: present, items: [{key: a, path: a}]}
          - configMap: {name: absent}
          - configMap: {name: maybe, optional: true}
`;
    expect(messages("reference/configmap-ref", input)).toEqual([
      'Pod demo/app: volume "all-in-one" (projected) reads ConfigMap absent, which is not in namespace demo',
    ]);
  });
});

describe("field lines", () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
        - name: setup
          image: setup:1.0.0
      containers:
        - name: web
          image: nginx:latest
          env:
            - name: MODE
              value: fast
            - name: API_TOKEN
              value: hunter2hunter2
          resources:
            requests:
              cpu: 100m
`;
  // Lines of the YAML above: 17 is the container "web", 18 its image, 23 its token, 25 its requests.
  test.each([
    { ruleId: "best-practice/mutable-image-tag", lines: [18] },
    { ruleId: "best-practice/readiness-probe", lines: [17] },
    { ruleId: "best-practice/memory-requests", lines: [14, 25] },
    { ruleId: "best-practice/cpu-requests", lines: [14] },
    { ruleId: "best-practice/secret-in-env", lines: [23] },
  ])("GIVEN a Deployment WHEN $ruleId reports on a container's field THEN the finding is on the field's line, or on the deepest part of its path the object has", ({ ruleId, lines }) => {
    const rule = LINT_RULES.find((candidate) => candidate.id === ruleId);
    if (!rule) throw new Error(`no rule ${ruleId}`);
    expect(rule.check(contextFromYaml(deployment)).map((finding) => finding.line)).toEqual(lines);
  });

  test("GIVEN a Rollout borrowing a Deployment's template (workloadRef) WHEN its containers are reported THEN each finding is on its own object's first line", () => {
    const rollout = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: demo}
spec:
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
---
${deployment}`;
    const rule = LINT_RULES.find((candidate) => candidate.id === "best-practice/mutable-image-tag");
    expect(rule?.check(contextFromYaml(rollout)).map((finding) => `${finding.object} ${finding.line}`)).toEqual(["Rollout demo/web 1", "Deployment demo/web 24"]);
  });
});

describe("field lines of reference rules", () => {
  test.each([
    {
      ruleId: "reference/hpa-target",
      yaml: "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: demo}\nspec:\n  minReplicas: 1\n  maxReplicas: 3\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: missing\n",
      lines: [7],
    },
    {
      ruleId: "reference/rollout-service",
      yaml: "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web, namespace: demo}\nspec:\n  strategy:\n    canary:\n      canaryService: web-canary\n",
      lines: [7],
    },
    {
      ruleId: "reference/argocd-project",
      yaml: "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: team, namespace: argocd}\nspec:\n  destinations: [{server: https://kubernetes.default.svc, namespace: team}]\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web, namespace: argocd}\nspec:\n  project: missing\n  source: {repoURL: https://example.com/repo.git, path: web}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: api, namespace: argocd}\nspec:\n  project: team\n  source: {repoURL: https://example.com/repo.git, path: api}\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: elsewhere\n",
      lines: [11, 20],
    },
  ])("GIVEN an object whose $ruleId reference is broken WHEN checked THEN the finding is on the reference's line", ({ ruleId, yaml, lines }) => {
    const rule = LINT_RULES.find((candidate) => candidate.id === ruleId);
    if (!rule) throw new Error(`no rule ${ruleId}`);
    expect(rule.check(contextFromYaml(yaml)).map((finding) => finding.line)).toEqual(lines);
  });
});
