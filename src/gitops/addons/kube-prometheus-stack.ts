/**
 * kube-prometheus-stack: Prometheus Operator, Prometheus, Alertmanager, Grafana,
 * node-exporter and kube-state-metrics.
 *
 * - Prometheus keeps `monitoring.prometheus.retention` on a `storage`-sized gp3 volume and
 *   selects every ServiceMonitor, PodMonitor, PrometheusRule, Probe and ScrapeConfig in
 *   the cluster (the `*NilUsesHelmValues: false` switches), not only the chart's own.
 * - Grafana is persistent, reads its admin credentials from an existing Secret and has
 *   exactly three data sources whose URLs are the Services the charts create.
 * - Alertmanager routes to Slack; the webhook URL is read from a file of a mounted Secret
 *   (`api_url_file`), so it is never written in these values.
 * - Only targets EKS lets Prometheus reach are scraped and alerted on (EKS_HIDDEN_TARGETS),
 *   so no "target down" alert fires forever.
 * - Prometheus accepts remote write: Tempo's metrics-generator writes the service-graph
 *   and span metrics there, which Grafana's Tempo service map reads.
 * - node-exporter needs the host's network, PID namespace and file systems, so it runs in
 *   kube-system beside EKS's own node agents instead of lowering the monitoring
 *   namespace's Pod Security level (see addon-namespaces.ts).
 * - The Prometheus Operator's admission webhook is served with a cert-manager Certificate
 *   (a self-signed root and a CA Issuer in the chart), so a sync runs no hook Jobs.
 * - The CRDs are too large for client-side apply's last-applied annotation, hence
 *   ServerSideApply. It syncs in the monitoring wave: Prometheus needs the gp3
 *   StorageClass and Grafana its Secret, both created in the configuration wave before.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { DEFAULT_STORAGE_CLASS, KUBE_PROMETHEUS_STACK_RELEASE } from "../conventions.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { ALERTMANAGER_SLACK_SECRET, GRAFANA_ADMIN_SECRET } from "../platform/monitoring-secrets.js";
import { addonFile } from "./addon-file.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { sharedAlbAnnotations } from "../applications/ingress.js";

/** Grafana's health endpoint (its chart's readiness and liveness probes read it too). */
const GRAFANA_HEALTH_PATH = "/api/health";
import { LOKI_URL, PROMETHEUS_URL, TEMPO_URL } from "./monitoring-endpoints.js";

/** Where the Prometheus Operator mounts `alertmanagerSpec.secrets` in the Alertmanager pods. */
export const ALERTMANAGER_SLACK_WEBHOOK_FILE = `/etc/alertmanager/secrets/${ALERTMANAGER_SLACK_SECRET.name}/${ALERTMANAGER_SLACK_SECRET.key}`;

export const GRAFANA_DATA_SOURCES = [
  { name: "Prometheus", uid: "prometheus", type: "prometheus", url: PROMETHEUS_URL, isDefault: true },
  { name: "Loki", uid: "loki", type: "loki", url: LOKI_URL, isDefault: false },
  {
    name: "Tempo",
    uid: "tempo",
    type: "tempo",
    url: TEMPO_URL,
    isDefault: false,
    jsonData: {
      // Jump from a span to the logs of the same pod around the same time.
      tracesToLogsV2: { datasourceUid: "loki", filterByTraceID: true },
      // The service map and node graph read traces_service_graph_* and traces_spanmetrics_*,
      // which Tempo's metrics-generator remote-writes to this Prometheus (tempo.ts).
      serviceMap: { datasourceUid: "prometheus" },
      nodeGraph: { enabled: true },
    },
  },
] as const;

/**
 * Components the chart scrapes and alerts on by default but EKS keeps out of Prometheus'
 * reach: chart component key -> default-rule groups that alert on them. The scheduler,
 * controller manager and etcd run in the AWS-managed control plane, which exposes no
 * scrape endpoint for them to in-cluster Prometheus. kube-proxy runs on every node as an
 * EKS managed add-on whose configuration binds its metrics to 127.0.0.1:10249, and the
 * add-on manager reverts edits to that ConfigMap (aws/containers-roadmap#657), so the
 * chart's ServiceMonitor only ever sees "connection refused". Left on, each keeps an
 * always-firing `…Down` alert (absent(up{job=…})) paging Slack.
 *
 * The API server (the `kubernetes` Service), kubelet/cAdvisor, CoreDNS (the EKS add-on's
 * pods carry `k8s-app: kube-dns` and serve 9153), kube-state-metrics and node-exporter are
 * reachable and stay on.
 */
export const EKS_HIDDEN_TARGETS = {
  kubeControllerManager: ["kubeControllerManager"],
  kubeScheduler: ["kubeSchedulerAlerting", "kubeSchedulerRecording"],
  kubeEtcd: ["etcd"],
  kubeProxy: ["kubeProxy"],
} as const;

function hiddenTargetValues(): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const rules: Record<string, boolean> = {};
  for (const [component, ruleGroups] of Object.entries(EKS_HIDDEN_TARGETS)) {
    values[component] = { enabled: false };
    // The chart gates these rule groups on the component too; turning both off keeps them
    // off if a chart release drops that coupling.
    for (const group of ruleGroups) rules[group] = false;
  }
  return { ...values, defaultRules: { rules } };
}

function alertmanagerConfig(spec: PlatformSpec): Record<string, unknown> {
  const { slackChannel, groupBy } = spec.monitoring.alertmanager;
  return {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: "slack",
      group_by: [...groupBy],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      // The always-firing Watchdog proves the pipeline works; it must not page anyone.
      routes: [{ receiver: "null", matchers: ['alertname = "Watchdog"'] }],
    },
    receivers: [
      { name: "null" },
      {
        name: "slack",
        slack_configs: [
          {
            channel: slackChannel,
            api_url_file: ALERTMANAGER_SLACK_WEBHOOK_FILE,
            send_resolved: true,
            title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}',
            text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ "\\n" }}{{ end }}',
          },
        ],
      },
    ],
  };
}

export function kubePrometheusStackValues(spec: PlatformSpec, names: PlatformNames): Record<string, unknown> {
  const { prometheus, grafana } = spec.monitoring;
  return {
    // Keep Service names `<release>-prometheus` etc. exactly as PROMETHEUS_URL expects.
    fullnameOverride: KUBE_PROMETHEUS_STACK_RELEASE,
    crds: { enabled: true },
    ...hiddenTargetValues(),
    "prometheus-node-exporter": { namespaceOverride: names.namespaces.system },
    prometheus: {
      prometheusSpec: {
        replicas: prometheus.replicas,
        // Tempo's metrics-generator writes the service graph and span metrics here.
        enableRemoteWriteReceiver: true,
        retention: prometheus.retention,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: DEFAULT_STORAGE_CLASS,
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: prometheus.storage } },
            },
          },
        },
      },
    },
    alertmanager: {
      config: alertmanagerConfig(spec),
      alertmanagerSpec: {
        secrets: [ALERTMANAGER_SLACK_SECRET.name],
        storage: {
          volumeClaimTemplate: {
            spec: { storageClassName: DEFAULT_STORAGE_CLASS, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
          },
        },
      },
    },
    // The admission webhook's certificates come from cert-manager (synced in an earlier
    // wave), not from the chart's kube-webhook-certgen Jobs: those are Argo CD PreSync and
    // PostSync hooks (two Jobs with cluster-wide rights on webhook configurations, and
    // their RBAC) that ran on every sync.
    prometheusOperator: { admissionWebhooks: { certManager: { enabled: true } } },
    grafana: {
      admin: {
        existingSecret: GRAFANA_ADMIN_SECRET.name,
        userKey: GRAFANA_ADMIN_SECRET.userKey,
        passwordKey: GRAFANA_ADMIN_SECRET.passwordKey,
      },
      persistence: { enabled: true, type: "pvc", storageClassName: DEFAULT_STORAGE_CLASS, accessModes: ["ReadWriteOnce"], size: grafana.storage },
      // A ReadWriteOnce volume cannot be attached to the old and the new pod at once.
      deploymentStrategy: { type: "Recreate" },
      // The chart's fsGroup (472) already gives Grafana its volume; the root chown init
      // container (CHOWN, DAC_OVERRIDE) is what kept the pod out of Pod Security restricted.
      initChownData: { enabled: false },
      // A Helm test pod (not restricted-compliant) that Argo CD never runs.
      testFramework: { enabled: false },
      // The data sources are declared below with explicit URLs instead of the chart's default one.
      sidecar: { datasources: { defaultDatasourceEnabled: false } },
      additionalDataSources: GRAFANA_DATA_SOURCES.map((source) => ({ access: "proxy", editable: false, ...source })),
      ...(grafana.host !== undefined
        ? {
            "grafana.ini": { server: { root_url: `https://${grafana.host}` } },
            // A rule of the shared ALB, as an application's host is (HTTPS only, the ACM
            // certificate found by host); the ALB checks Grafana's own health endpoint.
            ingress: {
              enabled: true,
              ingressClassName: "alb",
              annotations: sharedAlbAnnotations(GRAFANA_HEALTH_PATH),
              hosts: [grafana.host],
              path: "/",
              pathType: "Prefix",
              tls: [{ hosts: [grafana.host] }],
            },
          }
        : {}),
    },
  };
}

export const kubePrometheusStackGenerator: GitOpsGenerator = ({ spec, names }) => [
  addonFile(
    "monitoring",
    chartApplication({
      name: KUBE_PROMETHEUS_STACK_RELEASE,
      releaseName: KUBE_PROMETHEUS_STACK_RELEASE,
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.monitoring,
      destinationNamespace: names.namespaces.monitoring,
      chart: "kubePrometheusStack",
      values: kubePrometheusStackValues(spec, names),
      namespaceMetadata: addonNamespaceMetadata(names, names.namespaces.monitoring),
      syncOptions: ["ServerSideApply=true"],
    }),
  ),
];
