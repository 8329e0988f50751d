/**
 * Loki in simple scalable mode (read, write and backend targets behind the gateway),
 * storing chunks and the index in S3 with the tsdb index and schema v13 (boltdb-shipper is
 * legacy). Retention is applied by the compactor. The `loki` service account gets its S3
 * access from EKS Pod Identity, so no keys appear anywhere.
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
import { LOKI_RELEASE } from "./monitoring-endpoints.js";

/** First day of the v13 schema; a fixed date so output never depends on the clock. */
export const LOKI_SCHEMA_FROM = "2024-04-01";

export function lokiValues(spec: PlatformSpec, names: PlatformNames): Record<string, unknown> {
  const bucket = names.buckets.loki;
  const persistence = { volumeClaimsEnabled: true, storageClass: DEFAULT_STORAGE_CLASS, size: "10Gi" };
  return {
    deploymentMode: "SimpleScalable",
    loki: {
      auth_enabled: false,
      schemaConfig: {
        configs: [{ from: LOKI_SCHEMA_FROM, store: "tsdb", object_store: "s3", schema: "v13", index: { prefix: "loki_index_", period: "24h" } }],
      },
      storage: {
        type: "s3",
        bucketNames: { chunks: bucket, ruler: bucket },
        s3: { region: names.region },
      },
      limits_config: { retention_period: spec.monitoring.logRetention },
      compactor: { retention_enabled: true, delete_request_store: "s3" },
    },
    serviceAccount: { create: true, name: names.identities.loki.serviceAccount },
    write: { replicas: 3, persistence },
    read: { replicas: 3 },
    backend: { replicas: 3, persistence },
    gateway: { enabled: true, replicas: 2 },
    // The chart's default 8 GiB memcached for chunks would not fit the reference nodes (c6i.xlarge: 8 GiB).
    chunksCache: { allocatedMemory: 2048 },
    minio: { enabled: false },
  };
}

export const lokiGenerator: GitOpsGenerator = ({ spec, names }) => [
  addonFile(
    "monitoring",
    chartApplication({
      name: LOKI_RELEASE,
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.monitoring,
      destinationNamespace: names.identities.loki.namespace,
      namespaceMetadata: addonNamespaceMetadata(names, names.identities.loki.namespace),
      chart: "loki",
      values: lokiValues(spec, names),
    }),
  ),
];
