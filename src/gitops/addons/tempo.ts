/**
 * Tempo (single binary) storing traces in S3 and serving its query API on HTTP 3200. The
 * write-ahead log is on a gp3 volume so a restart loses no spans. S3 access comes from
 * EKS Pod Identity of the `tempo` service account.
 *
 * The metrics-generator turns spans into the service graph (`traces_service_graph_*`) and
 * span metrics (`traces_spanmetrics_*`) and remote-writes them to Prometheus, which is
 * what Grafana's Tempo service map queries; its WAL lives on the same volume as Tempo's.
 * The container is locked down to Pod Security `restricted` (the chart sets only the user).
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { DEFAULT_STORAGE_CLASS } from "../conventions.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { PROMETHEUS_REMOTE_WRITE_URL, TEMPO_RELEASE } from "./monitoring-endpoints.js";

/** Regional S3 endpoint; China regions use the .com.cn domain. */
export function s3Endpoint(names: PlatformNames): string {
  return `s3.${names.region}.amazonaws.com${names.partition === "aws-cn" ? ".cn" : ""}`;
}

/** Where the chart mounts Tempo's persistent volume. */
const TEMPO_DATA_PATH = "/var/tempo";

export function tempoValues(spec: PlatformSpec, names: PlatformNames): Record<string, unknown> {
  return {
    tempo: {
      retention: spec.monitoring.traceRetention,
      storage: {
        trace: {
          backend: "s3",
          s3: { bucket: names.buckets.tempo, endpoint: s3Endpoint(names), region: names.region },
        },
      },
      receivers: { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317" }, http: { endpoint: "0.0.0.0:4318" } } } },
      metricsGenerator: {
        enabled: true,
        remoteWriteUrl: PROMETHEUS_REMOTE_WRITE_URL,
        // The chart's default paths are under /tmp, an emptyDir that a restart empties.
        storage: { path: `${TEMPO_DATA_PATH}/generator/wal` },
        traces_storage: { path: `${TEMPO_DATA_PATH}/generator/traces` },
      },
      overrides: { defaults: { metrics_generator: { processors: ["service-graphs", "span-metrics"] } } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true },
    },
    // Pod-level: merged into the chart's non-root user 10001, adds the seccomp profile restricted requires.
    securityContext: { seccompProfile: { type: "RuntimeDefault" } },
    serviceAccount: { create: true, name: names.identities.tempo.serviceAccount },
    persistence: { enabled: true, storageClassName: DEFAULT_STORAGE_CLASS, size: "10Gi" },
  };
}

export const tempoGenerator: GitOpsGenerator = ({ spec, names }) => [
  addonFile(
    "monitoring",
    chartApplication({
      name: TEMPO_RELEASE,
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.monitoring,
      destinationNamespace: names.identities.tempo.namespace,
      namespaceMetadata: addonNamespaceMetadata(names, names.identities.tempo.namespace),
      chart: "tempo",
      values: tempoValues(spec, names),
    }),
  ),
];
