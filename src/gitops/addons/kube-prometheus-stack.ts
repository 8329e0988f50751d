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
 * - The CRDs are too large for client-side apply's last-applied annotation, hence
 *   ServerSideApply. It syncs in the monitoring wave: Prometheus needs the gp3
 *   StorageClass and Grafana its Secret, both created in the configuration wave before.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformSpec } from "../../spec/schema.js";
import { DEFAULT_STORAGE_CLASS, KUBE_PROMETHEUS_STACK_RELEASE } from "../conventions.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { ALERTMANAGER_SLACK_SECRET, GRAFANA_ADMIN_SECRET } from "../platform/monitoring-secrets.js";
import { addonFile } from "./addon-file.js";
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
    // Jump from a span to the logs of the same pod around the same time.
    jsonData: { tracesToLogsV2: { datasourceUid: "loki", filterByTraceID: true }, serviceMap: { datasourceUid: "prometheus" } },
  },
] as const;

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

export function kubePrometheusStackValues(spec: PlatformSpec): Record<string, unknown> {
  const { prometheus, grafana } = spec.monitoring;
  return {
    // Keep Service names `<release>-prometheus` etc. exactly as PROMETHEUS_URL expects.
    fullnameOverride: KUBE_PROMETHEUS_STACK_RELEASE,
    crds: { enabled: true },
    prometheus: {
      prometheusSpec: {
        replicas: prometheus.replicas,
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
    grafana: {
      admin: {
        existingSecret: GRAFANA_ADMIN_SECRET.name,
        userKey: GRAFANA_ADMIN_SECRET.userKey,
        passwordKey: GRAFANA_ADMIN_SECRET.passwordKey,
      },
      persistence: { enabled: true, type: "pvc", storageClassName: DEFAULT_STORAGE_CLASS, accessModes: ["ReadWriteOnce"], size: grafana.storage },
      // A ReadWriteOnce volume cannot be attached to the old and the new pod at once.
      deploymentStrategy: { type: "Recreate" },
      // The data sources are declared below with explicit URLs instead of the chart's default one.
      sidecar: { datasources: { defaultDatasourceEnabled: false } },
      additionalDataSources: GRAFANA_DATA_SOURCES.map((source) => ({ access: "proxy", editable: false, ...source })),
      ...(grafana.host !== undefined ? { "grafana.ini": { server: { root_url: `https://${grafana.host}` } } } : {}),
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
      values: kubePrometheusStackValues(spec),
      syncOptions: ["ServerSideApply=true"],
    }),
  ),
];
