import { describe, expect, it } from "vitest";
import { DEPRECATED_API_RULE, REMOVED_API_RULE } from "../../../src/check/deprecations/deprecation-rules.js";
import type { SourceObject } from "../../../src/check/finding.js";
import type { CheckContext } from "../../../src/check/rule.js";
import { CHARTS } from "../../../src/versions.js";

const plain = (version: string) => version.replace(/^v/, "");
const KARPENTER = plain(CHARTS.karpenter.appVersion);
const EXTERNAL_SECRETS = plain(CHARTS.externalSecrets.appVersion);
const CERT_MANAGER = plain(CHARTS.certManager.appVersion);

function source(document: Record<string, unknown>): SourceObject {
  const metadata = (document.metadata ?? {}) as { name?: string; namespace?: string };
  return {
    document,
    apiVersion: String(document.apiVersion),
    kind: String(document.kind),
    name: metadata.name ?? "",
    ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    file: "m.yaml",
    documentIndex: 0,
    line: 3,
  };
}

function run(documents: Record<string, unknown>[], kubernetesVersion = "1.35"): string[] {
  const context: CheckContext = { objects: documents.map(source), kubernetesVersion, customResourceKinds: new Set() };
  return [...REMOVED_API_RULE.check(context), ...DEPRECATED_API_RULE.check(context)].map((finding) => `${finding.ruleId} ${finding.severity} ${finding.object}: ${finding.message} | ${finding.fix}`);
}

describe("deprecation rules", () => {
  it.each([
    {
      name: "Ingress extensions/v1beta1",
      document: { apiVersion: "extensions/v1beta1", kind: "Ingress", metadata: { name: "web", namespace: "prod" } },
      expected: "removed-api error Ingress prod/web: Ingress extensions/v1beta1 was removed in Kubernetes 1.22; the target is 1.35 | use networking.k8s.io/v1 (backend.service.name/port, pathType required)",
    },
    {
      name: "PodSecurityPolicy policy/v1beta1",
      document: { apiVersion: "policy/v1beta1", kind: "PodSecurityPolicy", metadata: { name: "restricted" } },
      expected: "removed-api error PodSecurityPolicy restricted: PodSecurityPolicy policy/v1beta1 was removed in Kubernetes 1.25; the target is 1.35 | use nothing: PodSecurityPolicy is gone, use Pod Security Admission namespace labels",
    },
    {
      name: "HPA autoscaling/v2beta2",
      document: { apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler", metadata: { name: "api", namespace: "prod" } },
      expected: "removed-api error HorizontalPodAutoscaler prod/api: HorizontalPodAutoscaler autoscaling/v2beta2 was removed in Kubernetes 1.26; the target is 1.35 | use autoscaling/v2 (targetAverageUtilization → target.averageUtilization)",
    },
    {
      name: "FlowSchema v1beta3",
      document: { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", kind: "FlowSchema", metadata: { name: "f" } },
      expected: "removed-api error FlowSchema f: FlowSchema flowcontrol.apiserver.k8s.io/v1beta3 was removed in Kubernetes 1.32; the target is 1.35 | use flowcontrol.apiserver.k8s.io/v1",
    },
    {
      name: "Karpenter Provisioner",
      document: { apiVersion: "karpenter.sh/v1alpha5", kind: "Provisioner", metadata: { name: "default" } },
      expected: `removed-api error Provisioner default: Provisioner karpenter.sh/v1alpha5 was removed in Karpenter 0.33.0; the platform installs ${KARPENTER} | use karpenter.sh/v1 NodePool (and NodeClaim)`,
    },
    {
      name: "Karpenter v1beta1 EC2NodeClass",
      document: { apiVersion: "karpenter.k8s.aws/v1beta1", kind: "EC2NodeClass", metadata: { name: "default" } },
      expected: `removed-api error EC2NodeClass default: EC2NodeClass karpenter.k8s.aws/v1beta1 was removed in Karpenter 1.1.0; the platform installs ${KARPENTER} | use karpenter.k8s.aws/v1 (amiSelectorTerms required, e.g. alias: al2023@latest)`,
    },
    {
      name: "ExternalSecret v1beta1",
      document: { apiVersion: "external-secrets.io/v1beta1", kind: "ExternalSecret", metadata: { name: "db", namespace: "prod" } },
      expected: `removed-api error ExternalSecret prod/db: ExternalSecret external-secrets.io/v1beta1 was removed in External Secrets 0.17.0; the platform installs ${EXTERNAL_SECRETS} | use external-secrets.io/v1`,
    },
    {
      name: "cert-manager v1alpha2",
      document: { apiVersion: "cert-manager.io/v1alpha2", kind: "Certificate", metadata: { name: "web", namespace: "prod" } },
      expected: `removed-api error Certificate prod/web: Certificate cert-manager.io/v1alpha2 was removed in cert-manager 1.7.0; the platform installs ${CERT_MANAGER} | use cert-manager.io/v1`,
    },
    {
      name: "SecretStore v1alpha1",
      document: { apiVersion: "external-secrets.io/v1alpha1", kind: "SecretStore", metadata: { name: "aws", namespace: "prod" } },
      expected: `removed-api error SecretStore prod/aws: SecretStore external-secrets.io/v1alpha1 was removed in External Secrets 0.16.0; the platform installs ${EXTERNAL_SECRETS} | use external-secrets.io/v1`,
    },
    {
      name: "deprecated node label in a Deployment's pod template",
      document: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: "prod" }, spec: { template: { spec: { nodeSelector: { "beta.kubernetes.io/arch": "amd64" } } } } },
      expected: "deprecated-api warning Deployment prod/api: spec.template.spec.nodeSelector.beta.kubernetes.io/arch is deprecated since Kubernetes 1.14 | use the kubernetes.io/arch node label",
    },
    {
      name: "seccomp annotation in a CronJob's pod template",
      document: { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c", namespace: "prod" }, spec: { jobTemplate: { spec: { template: { metadata: { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "runtime/default" } }, spec: { containers: [] } } } } } },
      expected: "removed-api error CronJob prod/c: spec.jobTemplate.spec.template.metadata.annotations.seccomp.security.alpha.kubernetes.io/pod was removed in Kubernetes 1.27 | use securityContext.seccompProfile (the annotation is ignored since 1.27)",
    },
    {
      name: "Karpenter WhenUnderutilized",
      document: { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "default" }, spec: { disruption: { consolidationPolicy: "WhenUnderutilized" } } },
      expected: "removed-api error NodePool default: spec.disruption.consolidationPolicy: WhenUnderutilized was removed in Karpenter 1.1.0 | use consolidationPolicy: WhenEmptyOrUnderutilized",
    },
    {
      name: "Argo Rollouts analysis.templateName in a step",
      document: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "r", namespace: "prod" }, spec: { strategy: { canary: { steps: [{ setWeight: 20 }, { analysis: { templateName: "t" } }] } } } },
      expected: "removed-api error Rollout prod/r: spec.strategy.canary.steps[1].analysis.templateName was removed in Argo Rollouts 1.0.0 | use steps[].analysis.templates[].templateName",
    },
  ])("GIVEN $name WHEN checked THEN one exact finding", ({ document, expected }) => {
    expect(run([document])).toEqual([expected]);
  });

  it.each([
    ["a ReplicationController", "v1", "ReplicationController", ["deprecated-api warning ReplicationController prod/w: spec.template.spec.serviceAccount is deprecated since Kubernetes 1.0 | use spec.serviceAccountName"]],
    ["a PodTemplate", "v1", "PodTemplate", ["deprecated-api warning PodTemplate prod/w: template.spec.serviceAccount is deprecated since Kubernetes 1.0 | use spec.serviceAccountName"]],
    ["a Deployment of another API group (not a pod)", "example.com/v1", "Deployment", []],
    ["a Karpenter NodePool, whose spec.template is a node template", "karpenter.sh/v1", "NodePool", []],
  ])("GIVEN %s whose template spec has serviceAccount WHEN checked THEN pod fields are read where pod-templates.ts finds a pod", (_what, apiVersion, kind, expected) => {
    const template = { metadata: {}, spec: { serviceAccount: "legacy", containers: [] } };
    const document = { apiVersion, kind, metadata: { name: "w", namespace: "prod" }, ...(kind === "PodTemplate" ? { template } : { spec: { template } }) };
    expect(run([document])).toEqual(expected);
  });

  it("GIVEN current APIs (the clean corpus) WHEN checked THEN no finding", () => {
    expect(
      run([
        { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "web" }, spec: { ingressClassName: "alb" } },
        { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "api" } },
        { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "default" }, spec: { disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized" } } },
        { apiVersion: "external-secrets.io/v1", kind: "ExternalSecret", metadata: { name: "db" } },
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "other-cm" }, data: { repositories: "x" } },
        { apiVersion: "monitoring.coreos.com/v1alpha1", kind: "AlertmanagerConfig", metadata: { name: "a" } },
      ]),
    ).toEqual([]);
  });

  it("GIVEN an API removed in 1.26 WHEN the target is 1.25 THEN it is only deprecated", () => {
    expect(run([{ apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler", metadata: { name: "api" } }], "1.25")).toEqual([
      "deprecated-api warning HorizontalPodAutoscaler api: HorizontalPodAutoscaler autoscaling/v2beta2 is deprecated since Kubernetes 1.23 and removed in 1.26 | use autoscaling/v2 (targetAverageUtilization → target.averageUtilization)",
    ]);
  });
});
