/**
 * The ClusterSecretStore every ExternalSecret uses: AWS Secrets Manager in the platform's
 * region. It has no `auth` block on purpose: the controller then uses its own credentials,
 * which EKS Pod Identity gives its service account, limited by IAM to `secretsPrefix`.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import { CRD_API_VERSIONS } from "../../versions.js";
import { CLUSTER_SECRET_STORE, MANAGED_BY_LABELS } from "../conventions.js";

export function clusterSecretStore(names: PlatformNames): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.externalSecrets,
    kind: "ClusterSecretStore",
    metadata: { name: CLUSTER_SECRET_STORE, labels: { ...MANAGED_BY_LABELS } },
    spec: { provider: { aws: { service: "SecretsManager", region: names.region } } },
  };
}
