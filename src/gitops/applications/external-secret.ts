/**
 * The ExternalSecret that turns an application's Secrets Manager secrets into one
 * Kubernetes Secret, one key per environment variable.
 *
 * Secret names come from the names bridge (`names.secrets.applications`), the same table
 * the CDK app grants the External Secrets role read access from, so the path the
 * controller reads is the path IAM allows.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { CRD_API_VERSIONS } from "../../versions.js";
import { CLUSTER_SECRET_STORE } from "../conventions.js";
import { applicationLabels } from "./labels.js";

/** How often the controller re-reads Secrets Manager, so a rotated secret arrives. */
export const SECRET_REFRESH_INTERVAL = "1h";

/** Name of the Kubernetes Secret the ExternalSecret writes and the pods read. */
export function applicationSecretName(name: string): string {
  return `${name}-env`;
}

/** Environment variable → Secrets Manager secret name, sorted by variable. */
export function applicationSecrets(name: string, names: PlatformNames): [string, string][] {
  return Object.entries(names.secrets.applications[name] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function externalSecret(name: string, application: ApplicationSpec, names: PlatformNames): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.externalSecrets,
    kind: "ExternalSecret",
    metadata: { name, namespace: application.namespace, labels: applicationLabels(name) },
    spec: {
      refreshInterval: SECRET_REFRESH_INTERVAL,
      secretStoreRef: { kind: "ClusterSecretStore", name: CLUSTER_SECRET_STORE },
      // Owner: the Secret is deleted with the ExternalSecret and never adopted from elsewhere.
      target: { name: applicationSecretName(name), creationPolicy: "Owner" },
      data: applicationSecrets(name, names).map(([variable, secret]) => ({ secretKey: variable, remoteRef: { key: secret } })),
    },
  };
}
