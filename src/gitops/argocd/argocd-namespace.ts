/**
 * The `argocd` namespace, created by `slipway bootstrap` before Argo CD is installed into
 * it (every other namespace is created by Argo CD itself, labelled from its Application's
 * `managedNamespaceMetadata`). Without this object `helm --create-namespace` would make it
 * with no Pod Security labels, so it would admit anything.
 *
 * Level: enforce `baseline`, audit and warn `restricted`. Argo CD needs no host access, so
 * baseline is safe; the argo-cd chart is not in the test Helm repository, so whether every
 * pod it renders (Redis and its secret-init hook included) passes `restricted` has not been
 * proven here. Audit and warn at `restricted` make any pod that would not pass visible in
 * the API server's warnings and audit log, and raising enforce is then a one-word change.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import { MANAGED_BY_LABELS } from "../conventions.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import { podSecurityLabels } from "../tenancy/namespace-object.js";
import { ARGOCD_NAMESPACE } from "./application.js";

export const ARGOCD_NAMESPACE_PATH = "bootstrap/argocd-namespace.yaml";

export function argocdNamespaceObject(): KubeObject {
  const restricted = podSecurityLabels("restricted");
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: ARGOCD_NAMESPACE,
      labels: {
        ...MANAGED_BY_LABELS,
        ...podSecurityLabels("baseline"),
        "pod-security.kubernetes.io/audit": restricted["pod-security.kubernetes.io/audit"]!,
        "pod-security.kubernetes.io/warn": restricted["pod-security.kubernetes.io/warn"]!,
      },
    },
  };
}

/** Self-managed only: the managed capability creates its namespace and runs no pods in it. */
export const argocdNamespaceGenerator: GitOpsGenerator = ({ spec }) =>
  spec.argocd.mode === "eks-capability" ? [] : [{ path: ARGOCD_NAMESPACE_PATH, objects: [argocdNamespaceObject()] }];
