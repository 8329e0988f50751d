/**
 * THE table of deprecated and removed API versions and fields, for Kubernetes and for the
 * add-ons the platform installs (pluto's model: data, not code). Each entry says which
 * version of the component deprecated it, which removed it, and what replaces it.
 *
 * Kubernetes entries are compared with the target Kubernetes version (`--k8s-version`);
 * add-on entries with the add-on version Slipway deploys (`CHARTS` in src/versions.ts),
 * since that is the version whose CRDs will serve the objects.
 *
 * Sources (checked 2026-11-27; Kubernetes 1.32-1.36 on 2026-11-30): kubernetes.io/docs/reference/using-api/deprecation-guide/
 * and the prerelease-lifecycle tags of k8s.io/api v0.36.3;
 * Karpenter v1 migration guide (karpenter.sh/docs/upgrading/v1-migration); External
 * Secrets "Promote to v1" (issue 4633: v1alpha1 removed, 0.16) and 0.17 release notes
 * (v1beta1 no longer served); cert-manager 1.7 release notes
 * (v1alpha2, v1alpha3, v1beta1 removed); Argo CD 2.14→3.0 upgrade notes (repository
 * settings in argocd-cm); Argo Rollouts v1.0 release notes (analysis.templateName).
 */

export type Component = "kubernetes" | "karpenter" | "external-secrets" | "cert-manager" | "argo-cd" | "argo-rollouts" | "prometheus-operator";

export interface ApiDeprecation {
  readonly component: Component;
  readonly apiVersion: string;
  readonly kinds: readonly string[];
  /** Component version that deprecated it (still served, with warnings). */
  readonly deprecatedIn?: string;
  /** Component version that stopped serving it. */
  readonly removedIn?: string;
  /** What to use instead: an apiVersion/kind and, when the shape changed, what changed. */
  readonly replacement: string;
}

/** Where a deprecated field lives: on the object, or on every pod template of a workload. */
export type FieldScope = "object" | "pod-spec" | "pod-metadata";

export interface FieldDeprecation {
  readonly component: Component;
  /** Kinds (any apiVersion of the component) the field is read on; empty = every kind. */
  readonly kinds: readonly string[];
  /** Only objects of this name (e.g. the `argocd-cm` ConfigMap). */
  readonly name?: string;
  readonly scope: FieldScope;
  /** Path below the scope; `*` matches any list item or map key. */
  readonly path: readonly string[];
  /** When set, the field is deprecated only with this value. */
  readonly value?: string;
  readonly deprecatedIn?: string;
  readonly removedIn?: string;
  readonly replacement: string;
}

const CERT_MANAGER_KINDS = ["Certificate", "CertificateRequest", "Issuer", "ClusterIssuer"];
const ACME_KINDS = ["Order", "Challenge"];
const EXTERNAL_SECRETS_KINDS = ["ExternalSecret", "ClusterExternalSecret", "SecretStore", "ClusterSecretStore"];

export const API_DEPRECATIONS: readonly ApiDeprecation[] = [
  // Kubernetes 1.16
  { component: "kubernetes", apiVersion: "extensions/v1beta1", kinds: ["Deployment", "DaemonSet", "ReplicaSet"], deprecatedIn: "1.9", removedIn: "1.16", replacement: "apps/v1 (spec.selector is required)" },
  { component: "kubernetes", apiVersion: "apps/v1beta1", kinds: ["Deployment", "StatefulSet", "ReplicaSet"], deprecatedIn: "1.9", removedIn: "1.16", replacement: "apps/v1 (spec.selector is required)" },
  { component: "kubernetes", apiVersion: "apps/v1beta2", kinds: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"], deprecatedIn: "1.9", removedIn: "1.16", replacement: "apps/v1" },
  { component: "kubernetes", apiVersion: "extensions/v1beta1", kinds: ["NetworkPolicy"], deprecatedIn: "1.9", removedIn: "1.16", replacement: "networking.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "extensions/v1beta1", kinds: ["PodSecurityPolicy"], deprecatedIn: "1.10", removedIn: "1.16", replacement: "nothing: PodSecurityPolicy is gone, use Pod Security Admission namespace labels" },
  // Kubernetes 1.22
  { component: "kubernetes", apiVersion: "extensions/v1beta1", kinds: ["Ingress"], deprecatedIn: "1.14", removedIn: "1.22", replacement: "networking.k8s.io/v1 (backend.service.name/port, pathType required)" },
  { component: "kubernetes", apiVersion: "networking.k8s.io/v1beta1", kinds: ["Ingress", "IngressClass"], deprecatedIn: "1.19", removedIn: "1.22", replacement: "networking.k8s.io/v1 (backend.service.name/port, pathType required)" },
  { component: "kubernetes", apiVersion: "admissionregistration.k8s.io/v1beta1", kinds: ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], deprecatedIn: "1.16", removedIn: "1.22", replacement: "admissionregistration.k8s.io/v1 (sideEffects and admissionReviewVersions required)" },
  { component: "kubernetes", apiVersion: "apiextensions.k8s.io/v1beta1", kinds: ["CustomResourceDefinition"], deprecatedIn: "1.16", removedIn: "1.22", replacement: "apiextensions.k8s.io/v1 (a structural schema per version)" },
  { component: "kubernetes", apiVersion: "apiregistration.k8s.io/v1beta1", kinds: ["APIService"], deprecatedIn: "1.19", removedIn: "1.22", replacement: "apiregistration.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "authentication.k8s.io/v1beta1", kinds: ["TokenReview"], deprecatedIn: "1.19", removedIn: "1.22", replacement: "authentication.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "authorization.k8s.io/v1beta1", kinds: ["SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview"], deprecatedIn: "1.19", removedIn: "1.22", replacement: "authorization.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "certificates.k8s.io/v1beta1", kinds: ["CertificateSigningRequest"], deprecatedIn: "1.19", removedIn: "1.22", replacement: "certificates.k8s.io/v1 (signerName required)" },
  { component: "kubernetes", apiVersion: "coordination.k8s.io/v1beta1", kinds: ["Lease"], deprecatedIn: "1.19", removedIn: "1.22", replacement: "coordination.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "rbac.authorization.k8s.io/v1beta1", kinds: ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], deprecatedIn: "1.17", removedIn: "1.22", replacement: "rbac.authorization.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "scheduling.k8s.io/v1beta1", kinds: ["PriorityClass"], deprecatedIn: "1.14", removedIn: "1.22", replacement: "scheduling.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"], deprecatedIn: "1.19", removedIn: "1.22", replacement: "storage.k8s.io/v1" },
  // Kubernetes 1.25
  { component: "kubernetes", apiVersion: "batch/v1beta1", kinds: ["CronJob"], deprecatedIn: "1.21", removedIn: "1.25", replacement: "batch/v1" },
  { component: "kubernetes", apiVersion: "discovery.k8s.io/v1beta1", kinds: ["EndpointSlice"], deprecatedIn: "1.21", removedIn: "1.25", replacement: "discovery.k8s.io/v1 (topology → zone/nodeName)" },
  { component: "kubernetes", apiVersion: "events.k8s.io/v1beta1", kinds: ["Event"], deprecatedIn: "1.19", removedIn: "1.25", replacement: "events.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "autoscaling/v2beta1", kinds: ["HorizontalPodAutoscaler"], deprecatedIn: "1.22", removedIn: "1.25", replacement: "autoscaling/v2 (metrics[].resource.target)" },
  { component: "kubernetes", apiVersion: "policy/v1beta1", kinds: ["PodDisruptionBudget"], deprecatedIn: "1.21", removedIn: "1.25", replacement: "policy/v1 (an empty selector selects every pod of the namespace)" },
  { component: "kubernetes", apiVersion: "policy/v1beta1", kinds: ["PodSecurityPolicy"], deprecatedIn: "1.21", removedIn: "1.25", replacement: "nothing: PodSecurityPolicy is gone, use Pod Security Admission namespace labels" },
  { component: "kubernetes", apiVersion: "node.k8s.io/v1beta1", kinds: ["RuntimeClass"], deprecatedIn: "1.20", removedIn: "1.25", replacement: "node.k8s.io/v1" },
  // Kubernetes 1.26, 1.27, 1.29, 1.32
  { component: "kubernetes", apiVersion: "flowcontrol.apiserver.k8s.io/v1beta1", kinds: ["FlowSchema", "PriorityLevelConfiguration"], deprecatedIn: "1.23", removedIn: "1.26", replacement: "flowcontrol.apiserver.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "autoscaling/v2beta2", kinds: ["HorizontalPodAutoscaler"], deprecatedIn: "1.23", removedIn: "1.26", replacement: "autoscaling/v2 (targetAverageUtilization → target.averageUtilization)" },
  { component: "kubernetes", apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIStorageCapacity"], deprecatedIn: "1.24", removedIn: "1.27", replacement: "storage.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2", kinds: ["FlowSchema", "PriorityLevelConfiguration"], deprecatedIn: "1.26", removedIn: "1.29", replacement: "flowcontrol.apiserver.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", kinds: ["FlowSchema", "PriorityLevelConfiguration"], deprecatedIn: "1.29", removedIn: "1.32", replacement: "flowcontrol.apiserver.k8s.io/v1" },
  // Prerelease APIs of the versions EKS supports (1.32-1.36), with the deprecation and
  // removal versions of their `+k8s:prerelease-lifecycle-gen` tags (k8s.io/api v0.36.3,
  // zz_generated.prerelease-lifecycle.go: the API server stops serving a beta at its removal
  // version); alpha APIs without tags at the first release whose OpenAPI lacks them.
  { component: "kubernetes", apiVersion: "admissionregistration.k8s.io/v1alpha1", kinds: ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"], deprecatedIn: "1.29", removedIn: "1.32", replacement: "admissionregistration.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "authentication.k8s.io/v1alpha1", kinds: ["SelfSubjectReview"], deprecatedIn: "1.29", removedIn: "1.32", replacement: "authentication.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "authentication.k8s.io/v1beta1", kinds: ["SelfSubjectReview"], deprecatedIn: "1.30", removedIn: "1.33", replacement: "authentication.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "admissionregistration.k8s.io/v1beta1", kinds: ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"], deprecatedIn: "1.31", removedIn: "1.34", replacement: "admissionregistration.k8s.io/v1" },
  { component: "kubernetes", apiVersion: "resource.k8s.io/v1alpha3", kinds: ["DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice"], removedIn: "1.34", replacement: "resource.k8s.io/v1 (GA in 1.34)" },
  { component: "kubernetes", apiVersion: "storage.k8s.io/v1alpha1", kinds: ["VolumeAttributesClass"], deprecatedIn: "1.32", removedIn: "1.35", replacement: "storage.k8s.io/v1 (GA in 1.34)" },
  { component: "kubernetes", apiVersion: "certificates.k8s.io/v1alpha1", kinds: ["PodCertificateRequest"], removedIn: "1.35", replacement: "certificates.k8s.io/v1beta1" },
  { component: "kubernetes", apiVersion: "storagemigration.k8s.io/v1alpha1", kinds: ["StorageVersionMigration"], removedIn: "1.35", replacement: "storagemigration.k8s.io/v1beta1" },
  { component: "kubernetes", apiVersion: "scheduling.k8s.io/v1alpha1", kinds: ["Workload"], removedIn: "1.36", replacement: "scheduling.k8s.io/v1alpha2 (alpha: its fields change between releases)" },
  { component: "kubernetes", apiVersion: "certificates.k8s.io/v1alpha1", kinds: ["ClusterTrustBundle"], deprecatedIn: "1.34", removedIn: "1.37", replacement: "certificates.k8s.io/v1beta1" },
  { component: "kubernetes", apiVersion: "networking.k8s.io/v1beta1", kinds: ["IPAddress", "ServiceCIDR"], deprecatedIn: "1.34", removedIn: "1.37", replacement: "networking.k8s.io/v1 (GA in 1.33)" },
  { component: "kubernetes", apiVersion: "storage.k8s.io/v1beta1", kinds: ["VolumeAttributesClass"], deprecatedIn: "1.34", removedIn: "1.37", replacement: "storage.k8s.io/v1 (GA in 1.34)" },
  { component: "kubernetes", apiVersion: "admissionregistration.k8s.io/v1alpha1", kinds: ["MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding"], deprecatedIn: "1.35", removedIn: "1.38", replacement: "admissionregistration.k8s.io/v1beta1, or v1 from 1.36" },
  { component: "kubernetes", apiVersion: "coordination.k8s.io/v1alpha2", kinds: ["LeaseCandidate"], deprecatedIn: "1.35", removedIn: "1.38", replacement: "coordination.k8s.io/v1beta1" },
  { component: "kubernetes", apiVersion: "resource.k8s.io/v1beta1", kinds: ["DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice"], deprecatedIn: "1.35", removedIn: "1.38", replacement: "resource.k8s.io/v1 (GA in 1.34)" },
  { component: "kubernetes", apiVersion: "resource.k8s.io/v1beta2", kinds: ["DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice"], deprecatedIn: "1.36", removedIn: "1.39", replacement: "resource.k8s.io/v1 (GA in 1.34)" },
  { component: "kubernetes", apiVersion: "resource.k8s.io/v1alpha3", kinds: ["DeviceTaintRule"], deprecatedIn: "1.36", removedIn: "1.39", replacement: "resource.k8s.io/v1beta2" },
  // Karpenter
  { component: "karpenter", apiVersion: "karpenter.sh/v1alpha5", kinds: ["Provisioner", "Machine"], deprecatedIn: "0.32.0", removedIn: "0.33.0", replacement: "karpenter.sh/v1 NodePool (and NodeClaim)" },
  { component: "karpenter", apiVersion: "karpenter.k8s.aws/v1alpha1", kinds: ["AWSNodeTemplate"], deprecatedIn: "0.32.0", removedIn: "0.33.0", replacement: "karpenter.k8s.aws/v1 EC2NodeClass" },
  { component: "karpenter", apiVersion: "karpenter.sh/v1beta1", kinds: ["NodePool", "NodeClaim"], deprecatedIn: "1.0.0", removedIn: "1.1.0", replacement: "karpenter.sh/v1 (expireAfter moves to spec.template.spec, kubelet to the EC2NodeClass)" },
  { component: "karpenter", apiVersion: "karpenter.k8s.aws/v1beta1", kinds: ["EC2NodeClass"], deprecatedIn: "1.0.0", removedIn: "1.1.0", replacement: "karpenter.k8s.aws/v1 (amiSelectorTerms required, e.g. alias: al2023@latest)" },
  // External Secrets
  { component: "external-secrets", apiVersion: "external-secrets.io/v1alpha1", kinds: ["ExternalSecret", "SecretStore", "ClusterSecretStore"], deprecatedIn: "0.5.0", removedIn: "0.16.0", replacement: "external-secrets.io/v1" },
  { component: "external-secrets", apiVersion: "external-secrets.io/v1beta1", kinds: EXTERNAL_SECRETS_KINDS, deprecatedIn: "0.16.0", removedIn: "0.17.0", replacement: "external-secrets.io/v1" },
  // cert-manager
  ...["cert-manager.io/v1alpha2", "cert-manager.io/v1alpha3", "cert-manager.io/v1beta1"].map(
    (apiVersion): ApiDeprecation => ({ component: "cert-manager", apiVersion, kinds: CERT_MANAGER_KINDS, deprecatedIn: "1.4.0", removedIn: "1.7.0", replacement: "cert-manager.io/v1" }),
  ),
  ...["acme.cert-manager.io/v1alpha2", "acme.cert-manager.io/v1alpha3", "acme.cert-manager.io/v1beta1"].map(
    (apiVersion): ApiDeprecation => ({ component: "cert-manager", apiVersion, kinds: ACME_KINDS, deprecatedIn: "1.4.0", removedIn: "1.7.0", replacement: "acme.cert-manager.io/v1" }),
  ),
  // Prometheus Operator: nothing to flag. AlertmanagerConfig v1alpha1 is still the stored
  // version upstream; v1beta1 is opt-in (it needs the operator's conversion webhook).
];

export const FIELD_DEPRECATIONS: readonly FieldDeprecation[] = [
  { component: "kubernetes", kinds: [], scope: "pod-spec", path: ["serviceAccount"], deprecatedIn: "1.0", replacement: "spec.serviceAccountName" },
  { component: "kubernetes", kinds: [], scope: "pod-metadata", path: ["annotations", "seccomp.security.alpha.kubernetes.io/pod"], deprecatedIn: "1.19", removedIn: "1.27", replacement: "securityContext.seccompProfile (the annotation is ignored since 1.27)" },
  { component: "kubernetes", kinds: [], scope: "pod-metadata", path: ["annotations", "container.apparmor.security.beta.kubernetes.io/*"], deprecatedIn: "1.30", replacement: "securityContext.appArmorProfile" },
  { component: "kubernetes", kinds: [], scope: "pod-spec", path: ["nodeSelector", "beta.kubernetes.io/arch"], deprecatedIn: "1.14", replacement: "the kubernetes.io/arch node label" },
  { component: "kubernetes", kinds: [], scope: "pod-spec", path: ["nodeSelector", "beta.kubernetes.io/os"], deprecatedIn: "1.14", replacement: "the kubernetes.io/os node label" },
  { component: "kubernetes", kinds: [], scope: "pod-spec", path: ["nodeSelector", "failure-domain.beta.kubernetes.io/zone"], deprecatedIn: "1.17", replacement: "the topology.kubernetes.io/zone node label" },
  { component: "kubernetes", kinds: [], scope: "pod-spec", path: ["nodeSelector", "failure-domain.beta.kubernetes.io/region"], deprecatedIn: "1.17", replacement: "the topology.kubernetes.io/region node label" },
  { component: "kubernetes", kinds: [], scope: "pod-spec", path: ["volumes", "*", "gitRepo"], deprecatedIn: "1.11", replacement: "an init container that clones the repository into an emptyDir" },
  { component: "kubernetes", kinds: ["Ingress"], scope: "object", path: ["metadata", "annotations", "kubernetes.io/ingress.class"], deprecatedIn: "1.18", replacement: "spec.ingressClassName" },
  { component: "kubernetes", kinds: ["Service"], scope: "object", path: ["metadata", "annotations", "service.kubernetes.io/topology-aware-hints"], deprecatedIn: "1.27", replacement: "the service.kubernetes.io/topology-mode annotation" },
  { component: "karpenter", kinds: [], scope: "pod-metadata", path: ["annotations", "karpenter.sh/do-not-evict"], deprecatedIn: "0.32.0", removedIn: "1.0.0", replacement: "the karpenter.sh/do-not-disrupt annotation" },
  { component: "karpenter", kinds: ["NodePool"], scope: "object", path: ["spec", "disruption", "consolidationPolicy"], value: "WhenUnderutilized", deprecatedIn: "1.0.0", removedIn: "1.1.0", replacement: "consolidationPolicy: WhenEmptyOrUnderutilized" },
  { component: "karpenter", kinds: ["NodePool"], scope: "object", path: ["spec", "disruption", "expireAfter"], deprecatedIn: "1.0.0", removedIn: "1.1.0", replacement: "spec.template.spec.expireAfter" },
  { component: "karpenter", kinds: ["NodePool"], scope: "object", path: ["spec", "template", "spec", "kubelet"], deprecatedIn: "1.0.0", removedIn: "1.1.0", replacement: "spec.kubelet of the EC2NodeClass" },
  { component: "argo-cd", kinds: ["ConfigMap"], name: "argocd-cm", scope: "object", path: ["data", "repositories"], deprecatedIn: "1.7.0", removedIn: "3.0.0", replacement: "a Secret labelled argocd.argoproj.io/secret-type: repository" },
  { component: "argo-cd", kinds: ["ConfigMap"], name: "argocd-cm", scope: "object", path: ["data", "repository.credentials"], deprecatedIn: "1.7.0", removedIn: "3.0.0", replacement: "a Secret labelled argocd.argoproj.io/secret-type: repo-creds" },
  { component: "argo-rollouts", kinds: ["Rollout"], scope: "object", path: ["spec", "strategy", "canary", "analysis", "templateName"], deprecatedIn: "0.8.0", removedIn: "1.0.0", replacement: "analysis.templates[].templateName" },
  { component: "argo-rollouts", kinds: ["Rollout"], scope: "object", path: ["spec", "strategy", "canary", "steps", "*", "analysis", "templateName"], deprecatedIn: "0.8.0", removedIn: "1.0.0", replacement: "steps[].analysis.templates[].templateName" },
];
