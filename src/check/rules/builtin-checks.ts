/**
 * The built-in lint checks: data entries over the templates (kube-linter's model). The
 * rule documentation (docs/rules.md) is generated from these entries, so description and
 * remediation are written for a reader who has just seen a finding.
 */
import { containerResourceTemplate } from "./best-practice/container-resource.js";
import { mutableImageTagTemplate } from "./best-practice/mutable-image-tag.js";
import { probeTemplate } from "./best-practice/probe.js";
import { quotaWithoutLimitRangeTemplate } from "./best-practice/quota-without-limit-range.js";
import { requestsExceedLimitsTemplate } from "./best-practice/requests-exceed-limits.js";
import { secretInEnvTemplate } from "./best-practice/secret-in-env.js";
import { secretInHelmValuesTemplate } from "./best-practice/secret-in-helm-values.js";
import { secretInManifestTemplate } from "./best-practice/secret-in-manifest.js";
import { defineCheck, type BuiltInCheck } from "./check-template.js";
import { dnsBlockedTemplate } from "./network-policy/dns-blocked.js";
import { namespaceSelectorMatchesNothingTemplate, podSelectorMatchesNothingTemplate } from "./network-policy/selector-matches-nothing.js";
import { workloadWithoutPolicyTemplate } from "./network-policy/workload-without-policy.js";
import { argocdProjectTemplate } from "./reference/argocd-project.js";
import { EKS_CAPABILITY_MAX_APPLICATIONS } from "../../platform-spec/eks-capability-limits.js";
import { PLATFORM_NAMESPACES } from "../../platform-spec/names.js";
import {
  capabilityApplicationCountTemplate,
  capabilityInClusterTemplate,
  capabilityNamespaceTemplate,
  capabilityPluginTemplate,
} from "./argocd-capability/capability-limits.js";
import { configReferenceTemplate } from "./reference/config-references.js";
import { externalSecretStoreTemplate } from "./reference/external-secret-store.js";
import { hpaCustomMetricsTemplate } from "./reference/hpa-custom-metrics.js";
import { hpaResourceRequestsTemplate } from "./reference/hpa-resource-requests.js";
import { hpaTargetTemplate } from "./reference/hpa-target.js";
import { rolloutAnalysisTemplateTemplate, rolloutServiceTemplate } from "./reference/rollout-references.js";
import { selectorMatchesPodsTemplate } from "./reference/selector-references.js";
import { serviceMonitorPortTemplate } from "./reference/service-monitor-port.js";
import { defaultStorageClassTemplate, storageClassTemplate } from "./reference/storage-class.js";

const NETWORK_POLICY: readonly BuiltInCheck[] = [
  defineCheck({
    id: "network-policy/dns-blocked",
    category: "network-policy",
    severity: "error",
    description:
      "A workload selected by egress NetworkPolicies (default-deny) must still reach CoreDNS (kube-dns in kube-system) on port 53 over UDP, or it resolves no name (the finding names 53/TCP too when it is blocked as well).",
    remediation:
      "Add an egress rule allowing UDP and TCP port 53 to namespaceSelector kubernetes.io/metadata.name=kube-system with podSelector k8s-app=kube-dns.",
    template: dnsBlockedTemplate,
    params: { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns" }, blocked: "udp" },
  }),
  defineCheck({
    id: "network-policy/dns-tcp-blocked",
    category: "network-policy",
    severity: "warning",
    description:
      "A workload whose egress NetworkPolicies allow DNS over UDP but not over TCP port 53: names resolve, but answers too large for UDP (truncated, then retried over TCP) fail. A warning: allowing only UDP works for most names.",
    remediation: "Allow TCP port 53 next to UDP in the egress rule to kube-dns (namespaceSelector kubernetes.io/metadata.name=kube-system, podSelector k8s-app=kube-dns).",
    template: dnsBlockedTemplate,
    params: { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns" }, blocked: "tcp-only" },
  }),
  defineCheck({
    id: "network-policy/namespace-selector-matches-nothing",
    category: "network-policy",
    severity: "warning",
    description:
      "A namespaceSelector of a NetworkPolicy peer selects no namespace of the input (namespaces always carry kubernetes.io/metadata.name), so the rule allows nothing.",
    remediation: "Select namespaces by a label they carry, such as kubernetes.io/metadata.name=<namespace>, or add the label to the Namespace.",
    template: namespaceSelectorMatchesNothingTemplate,
    params: {},
  }),
  defineCheck({
    id: "network-policy/pod-selector-matches-nothing",
    category: "network-policy",
    severity: "warning",
    description:
      "A NetworkPolicy's podSelector, or a podSelector of one of its peers, matches no pod template in namespaces whose workloads the input contains.",
    remediation: "Fix the selector to use labels the pod templates carry (compare with the workloads' spec.template.metadata.labels).",
    template: podSelectorMatchesNothingTemplate,
    params: {},
  }),
  defineCheck({
    id: "network-policy/workload-without-policy",
    category: "network-policy",
    severity: "info",
    description: "A workload in a namespace that has NetworkPolicies is selected by none of them, so all its traffic is allowed.",
    remediation: "Add a default-deny policy with an empty podSelector, or give the workload the labels the namespace's policies select.",
    template: workloadWithoutPolicyTemplate,
    params: {},
  }),
];

const REFERENCE: readonly BuiltInCheck[] = [
  defineCheck({
    id: "reference/hpa-target",
    category: "reference",
    severity: "error",
    description:
      "A HorizontalPodAutoscaler's scaleTargetRef names a Deployment, StatefulSet, ReplicaSet or Argo Rollout of its namespace under the right apiVersion; when a Rollout manages the pods the HPA must target the Rollout, not a Deployment.",
    remediation: "Point scaleTargetRef at the object that owns the pods (apiVersion, kind and name), e.g. argoproj.io/v1alpha1 Rollout for a Rollout.",
    template: hpaTargetTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/hpa-resource-requests",
    category: "reference",
    severity: "error",
    description:
      "An HPA with a cpu or memory Utilization target scales a workload whose containers do not all request that resource, so it cannot compute utilisation and never scales.",
    remediation: "Set resources.requests for the resource on every container of the target, or use an AverageValue target.",
    template: hpaResourceRequestsTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/hpa-custom-metrics",
    category: "reference",
    severity: "warning",
    description:
      "An HPA's Pods, Object or External metric needs a server of custom.metrics.k8s.io or external.metrics.k8s.io (APIService, prometheus-adapter, KEDA) in the input, producing that metric name when its rules are known.",
    remediation: "Install a metrics adapter (e.g. prometheus-adapter) with a rule that serves the metric, or fix the metric name.",
    template: hpaCustomMetricsTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/rollout-analysis-template",
    category: "reference",
    severity: "error",
    description: "An Argo Rollout names an AnalysisTemplate that is not in its namespace, or a ClusterAnalysisTemplate that is not in the input.",
    remediation: "Add the AnalysisTemplate to the Rollout's namespace (or a ClusterAnalysisTemplate with clusterScope: true), or fix templateName.",
    template: rolloutAnalysisTemplateTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/rollout-service",
    category: "reference",
    severity: "error",
    description: "An Argo Rollout's canaryService, stableService, activeService or previewService is not a Service of its namespace.",
    remediation: "Add the Service to the Rollout's namespace or fix the name in the Rollout's strategy.",
    template: rolloutServiceTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/service-selector",
    category: "reference",
    severity: "warning",
    description: "A Service's selector matches no pod template in its namespace, so the Service has no endpoints.",
    remediation: "Make the Service's spec.selector a subset of the pod template labels of the workload it fronts.",
    template: selectorMatchesPodsTemplate,
    params: { kind: "Service" },
  }),
  defineCheck({
    id: "reference/pdb-selector",
    category: "reference",
    severity: "warning",
    description: "A PodDisruptionBudget's selector matches no pod template in its namespace, so it protects nothing.",
    remediation: "Make the PodDisruptionBudget's spec.selector match the pod template labels of the workload it protects.",
    template: selectorMatchesPodsTemplate,
    params: { kind: "PodDisruptionBudget" },
  }),
  defineCheck({
    id: "reference/service-monitor-port",
    category: "reference",
    severity: "warning",
    description: "A ServiceMonitor selects no Service, or an endpoint's port is not the name of a port of the Services it selects, so nothing is scraped.",
    remediation: "Set endpoints[].port to the name of a port of the selected Services (ports need a name), and make spec.selector match their labels.",
    template: serviceMonitorPortTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/external-secret-store",
    category: "reference",
    severity: "error",
    description: "An ExternalSecret's secretStoreRef (or a data/dataFrom storeRef) names a SecretStore of its namespace or a ClusterSecretStore that is not in the input.",
    remediation: "Add the SecretStore to the ExternalSecret's namespace, or reference the ClusterSecretStore with kind: ClusterSecretStore.",
    template: externalSecretStoreTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/storage-class",
    category: "reference",
    severity: "error",
    description: "A PersistentVolumeClaim or StatefulSet volumeClaimTemplate names a StorageClass the input does not define (checked when the input defines StorageClasses).",
    remediation: "Use the name of a StorageClass of the input, or add the StorageClass.",
    template: storageClassTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/default-storage-class",
    category: "reference",
    severity: "warning",
    description: "A claim names no StorageClass while the input defines StorageClasses and none is the default, so the claim stays Pending.",
    remediation: 'Set storageClassName, or annotate one StorageClass storageclass.kubernetes.io/is-default-class: "true".',
    template: defaultStorageClassTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/argocd-project",
    category: "reference",
    severity: "error",
    description: "An Argo CD Application's project is not an AppProject of the input (other than default), or the project's destinations do not permit the Application's destination.",
    remediation: "Create the AppProject, or add the Application's server and namespace to the project's spec.destinations.",
    template: argocdProjectTemplate,
    params: {},
  }),
  defineCheck({
    id: "reference/configmap-ref",
    category: "reference",
    severity: "error",
    description:
      "A pod reads a ConfigMap (env, envFrom, volume) that is not in its namespace, or a key the ConfigMap lacks; checked in namespaces whose ConfigMaps the input contains.",
    remediation: "Add the ConfigMap (or the key) to the namespace, fix the name, or mark the reference optional: true.",
    template: configReferenceTemplate,
    params: { kind: "ConfigMap" },
  }),
  defineCheck({
    id: "reference/secret-ref",
    category: "reference",
    severity: "error",
    description:
      "A pod reads a Secret (env, envFrom, volume) that nothing in its namespace provides (Secret, ExternalSecret target, SealedSecret, Certificate), or a key it lacks; checked in namespaces whose Secrets the input provides.",
    remediation: "Provide the Secret in the namespace (e.g. an ExternalSecret with that target name), fix the name, or mark the reference optional: true.",
    template: configReferenceTemplate,
    params: { kind: "Secret" },
  }),
];

const RESOURCE_REMEDIATION = "Set the value in each container's resources, or give the namespace a LimitRange with defaults.";

const BEST_PRACTICE: readonly BuiltInCheck[] = [
  defineCheck({
    id: "best-practice/cpu-requests",
    category: "best-practice",
    severity: "warning",
    description: "A container has no cpu request: the scheduler cannot place it by need and an HPA cannot compute cpu utilisation.",
    remediation: RESOURCE_REMEDIATION,
    template: containerResourceTemplate,
    params: { field: "requests", resource: "cpu" },
  }),
  defineCheck({
    id: "best-practice/memory-requests",
    category: "best-practice",
    severity: "warning",
    description: "A container has no memory request: it is the first to be evicted under memory pressure and nodes get overcommitted.",
    remediation: RESOURCE_REMEDIATION,
    template: containerResourceTemplate,
    params: { field: "requests", resource: "memory" },
  }),
  defineCheck({
    id: "best-practice/memory-limits",
    category: "best-practice",
    severity: "warning",
    description: "A container has no memory limit: a leak can take the node's memory and evict its neighbours.",
    remediation: RESOURCE_REMEDIATION,
    template: containerResourceTemplate,
    params: { field: "limits", resource: "memory" },
  }),
  defineCheck({
    id: "best-practice/cpu-limits",
    category: "best-practice",
    severity: "info",
    description:
      "A container has no cpu limit. Info only: cpu limits throttle latency-sensitive services even on idle nodes; raise the severity where a hard ceiling is policy.",
    remediation: RESOURCE_REMEDIATION,
    template: containerResourceTemplate,
    params: { field: "limits", resource: "cpu" },
  }),
  defineCheck({
    id: "best-practice/requests-exceed-limits",
    category: "best-practice",
    severity: "error",
    description:
      "A container's (or the pod's) resource request is above its limit, or, for a resource that cannot be overcommitted (an extended resource such as nvidia.com/gpu, hugepages-*), differs from its limit or has none: the API server rejects the object, with the message quoted. With a LimitRange of the namespace in the input, also as admitted: an omitted request is its limit, then LimitRanger fills the LimitRange's default limits and requests, and a request above a default limit gets its pods refused (the finding names the LimitRange).",
    remediation: "Keep each request at or below its limit (equal to it, and with a limit, for extended resources and huge pages).",
    template: requestsExceedLimitsTemplate,
    params: {},
  }),
  defineCheck({
    id: "best-practice/readiness-probe",
    category: "best-practice",
    severity: "warning",
    description: "A long-running container has no readinessProbe, so Services route traffic to it before it is ready.",
    remediation: "Add a readinessProbe (httpGet on a health endpoint, or tcpSocket on the serving port).",
    template: probeTemplate,
    params: { probe: "readinessProbe" },
  }),
  defineCheck({
    id: "best-practice/liveness-probe",
    category: "best-practice",
    severity: "warning",
    description: "A long-running container has no livenessProbe, so a hung process is never restarted.",
    remediation: "Add a livenessProbe that fails only when the process must be restarted (not when a dependency is down).",
    template: probeTemplate,
    params: { probe: "livenessProbe" },
  }),
  defineCheck({
    id: "best-practice/mutable-image-tag",
    category: "best-practice",
    severity: "warning",
    description: "A container image has no tag or a mutable tag (latest), so the same manifest can run different code.",
    remediation: "Pin the image to a version tag or, better, a digest (image@sha256:...).",
    template: mutableImageTagTemplate,
    params: { mutableTags: ["latest"] },
  }),
  defineCheck({
    id: "best-practice/quota-without-limit-range",
    category: "best-practice",
    severity: "warning",
    description: "A ResourceQuota constrains cpu or memory in a namespace without a LimitRange, so pods that omit requests or limits are rejected.",
    remediation: "Add a LimitRange with default and defaultRequest for cpu and memory to the namespace.",
    template: quotaWithoutLimitRangeTemplate,
    params: {},
  }),
  defineCheck({
    id: "best-practice/secret-in-manifest",
    category: "best-practice",
    severity: "error",
    description: "A Secret with data or stringData is written in the manifests: base64 is an encoding, so the repository holds the secret in plain text.",
    remediation: "Deliver the secret with an ExternalSecret (or Sealed Secrets / SOPS) and remove the Secret from the repository and its history.",
    template: secretInManifestTemplate,
    params: { ignoredTypes: ["kubernetes.io/service-account-token"] },
  }),
  defineCheck({
    id: "best-practice/secret-in-env",
    category: "best-practice",
    severity: "warning",
    description: "A container environment variable named like a credential (PASSWORD, TOKEN, SECRET, API_KEY...) has a literal value in the manifest.",
    remediation: "Put the value in a Secret and read it with env[].valueFrom.secretKeyRef.",
    template: secretInEnvTemplate,
    params: {
      namePattern: "PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL",
      ignoredNamePattern: "(_FILE|_PATH|_DIR|_NAME|_REF|_ARN|_ID|_URL|_ENDPOINT|_TTL|_EXPIRY|_TIMEOUT|_LENGTH)$",
    },
  }),
  defineCheck({
    id: "best-practice/secret-in-helm-values",
    category: "best-practice",
    severity: "warning",
    description:
      "Inline Helm values of an Argo CD Application hold a literal password, token or API key, or a webhook URL (Slack, Discord, Teams) whose path is the credential.",
    remediation: "Keep the value in a Secret (e.g. from an ExternalSecret) and point the chart at it (existingSecret, *_file, valueFrom).",
    template: secretInHelmValuesTemplate,
    params: {
      keyPattern: "password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential",
      ignoredKeyPattern: "^existing|(name|names|ref|file|path|enabled|mode|secrets|(password|user|username|token)key)$",
      webhookUrlPattern:
        "hooks\\.slack\\.com/(services|workflows)/|discord(app)?\\.com/api/webhooks/|webhook\\.office\\.com/|outlook\\.office\\.com/webhook/",
    },
  }),
];

/** Limits of the EKS managed Argo CD capability; they report only when the check targets it (`--argocd eks-capability`). */
const ARGOCD_CAPABILITY: readonly BuiltInCheck[] = [
  defineCheck({
    id: "argocd-capability/namespace",
    category: "argocd-capability",
    severity: "error",
    description: `With --argocd eks-capability: an Argo CD Application, ApplicationSet or AppProject outside the capability's namespace (param namespace, default ${PLATFORM_NAMESPACES.argocd}), which the capability never reads.`,
    remediation: "Set metadata.namespace to the capability's namespace (the namespace in its configuration).",
    template: capabilityNamespaceTemplate,
    // The platform configures the capability with its own Argo CD namespace (cdk/platform-stack.ts).
    params: { namespace: PLATFORM_NAMESPACES.argocd },
  }),
  defineCheck({
    id: "argocd-capability/plugin",
    category: "argocd-capability",
    severity: "error",
    description: "With --argocd eks-capability: an Application or ApplicationSet source that uses a config management plugin (source.plugin), which the capability does not run.",
    remediation: "Render the manifests before committing them, or use a source type the capability supports (plain manifests, Kustomize, Helm).",
    template: capabilityPluginTemplate,
    params: {},
  }),
  defineCheck({
    id: "argocd-capability/application-count",
    category: "argocd-capability",
    severity: "error",
    description: "With --argocd eks-capability: more Applications than the capability manages (param maxApplications, default 1,000); reported once, on the first Application past the limit.",
    remediation: "Split the Applications over several clusters' capabilities, or group workloads so fewer Applications hold them.",
    template: capabilityApplicationCountTemplate,
    params: { maxApplications: EKS_CAPABILITY_MAX_APPLICATIONS },
  }),
  defineCheck({
    id: "argocd-capability/in-cluster",
    category: "argocd-capability",
    severity: "error",
    description: "With --argocd eks-capability: an Application (or ApplicationSet template) whose destination.server is https://kubernetes.default.svc, which the capability, running outside the cluster, cannot reach.",
    remediation: "Register the cluster with an Argo CD cluster Secret whose server is the EKS cluster ARN, and use that ARN (or the Secret's name) as the destination.",
    template: capabilityInClusterTemplate,
    params: {},
  }),
];

export const BUILT_IN_CHECKS: readonly BuiltInCheck[] = [...NETWORK_POLICY, ...REFERENCE, ...ARGOCD_CAPABILITY, ...BEST_PRACTICE];
