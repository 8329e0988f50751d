/**
 * Secrets the monitoring charts read, delivered by External Secrets from AWS Secrets
 * Manager into the monitoring namespace. The chart values name only the Secret and its
 * keys (exported here); the values themselves never enter the repository.
 *
 * Expected Secrets Manager contents:
 * - `names.secrets.grafanaAdmin`: JSON `{"username": "...", "password": "..."}`
 * - `names.secrets.alertmanagerSlackWebhook`: the Slack incoming-webhook URL as plain text
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import { CRD_API_VERSIONS } from "../../versions.js";
import { CLUSTER_SECRET_STORE, MANAGED_BY_LABELS } from "../conventions.js";

/** Grafana admin credentials (kube-prometheus-stack `grafana.admin.existingSecret`). */
export const GRAFANA_ADMIN_SECRET = { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" } as const;

/** Alertmanager's Slack webhook, mounted at `/etc/alertmanager/secrets/<name>/<key>`. */
export const ALERTMANAGER_SLACK_SECRET = { name: "alertmanager-slack-webhook", key: "webhook-url" } as const;

export const MONITORING_SECRETS_FOLDER = "platform/monitoring-secrets";

function externalSecret(namespace: string, name: string, data: readonly Record<string, unknown>[]): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.externalSecrets,
    kind: "ExternalSecret",
    metadata: { name, namespace, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      refreshInterval: "1h",
      secretStoreRef: { kind: "ClusterSecretStore", name: CLUSTER_SECRET_STORE },
      // Owner: the Secret is deleted with the ExternalSecret and never edited by hand.
      target: { name, creationPolicy: "Owner", deletionPolicy: "Retain" },
      data,
    },
  };
}

export function monitoringExternalSecrets(names: PlatformNames): KubeObject[] {
  const namespace = names.namespaces.monitoring;
  return [
    externalSecret(namespace, GRAFANA_ADMIN_SECRET.name, [
      { secretKey: GRAFANA_ADMIN_SECRET.userKey, remoteRef: { key: names.secrets.grafanaAdmin, property: "username" } },
      { secretKey: GRAFANA_ADMIN_SECRET.passwordKey, remoteRef: { key: names.secrets.grafanaAdmin, property: "password" } },
    ]),
    externalSecret(namespace, ALERTMANAGER_SLACK_SECRET.name, [
      { secretKey: ALERTMANAGER_SLACK_SECRET.key, remoteRef: { key: names.secrets.alertmanagerSlackWebhook } },
    ]),
  ];
}
