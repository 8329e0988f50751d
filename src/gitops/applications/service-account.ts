/**
 * The application's own ServiceAccount: no token is mounted and no role is bound, so a
 * compromised pod cannot talk to the Kubernetes API; sharing `default` would give it
 * whatever someone later grants that account.
 */
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { ApplicationSpec } from "../../platform-spec/schema.js";
import { applicationLabels } from "./labels.js";

export function serviceAccount(name: string, application: ApplicationSpec): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name, namespace: application.namespace, labels: applicationLabels(name) },
    automountServiceAccountToken: false,
  } satisfies IServiceAccount;
}
