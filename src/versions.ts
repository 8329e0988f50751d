/**
 * The one table of upstream versions Slipway generates against.
 *
 * Every chart, image and API version a generated platform uses is read from here, so an
 * upgrade is a one-line change that shows in the golden files. `checked` is the day the
 * entry was last compared with upstream; `source` says where.
 */

export interface ChartVersion {
  /** Helm repository URL (https) or OCI registry host/path (no scheme) Argo CD pulls from. */
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  /** Version of the software the chart installs (its appVersion). */
  readonly appVersion: string;
  readonly checked: string;
  readonly source: string;
}

export const KUBERNETES = {
  /** Version a new cluster starts on: EKS standard support for 1.35 runs to 2027-03-27. */
  defaultVersion: "1.35",
  /** Versions Slipway accepts for a new cluster (in EKS standard support on `checked`). */
  supported: ["1.35", "1.36"] as const,
  /** Patch release whose OpenAPI schemas the checker validates against, per minor version. */
  schemaRelease: { "1.35": "v1.35.4" } as Record<string, string>,
  checked: "2026-11-27",
  source: "EKS Kubernetes version calendar (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)",
} as const;

/** Pod Security Standards version pinned on namespaces (`pod-security.kubernetes.io/*-version`). */
export const POD_SECURITY_VERSION = "v1.35";

export const CHARTS = {
  argoCd: {
    repoURL: "https://argoproj.github.io/argo-helm",
    chart: "argo-cd",
    version: "9.1.4",
    appVersion: "v3.2.0",
    checked: "2026-11-27",
    source: "argoproj/argo-helm charts/argo-cd/Chart.yaml",
  },
  awsLoadBalancerController: {
    repoURL: "https://aws.github.io/eks-charts",
    chart: "aws-load-balancer-controller",
    version: "1.14.0",
    appVersion: "v2.14.0",
    checked: "2026-11-27",
    source: "aws/eks-charts stable/aws-load-balancer-controller/Chart.yaml",
  },
  karpenter: {
    repoURL: "public.ecr.aws/karpenter",
    chart: "karpenter",
    version: "1.9.0",
    appVersion: "1.9.0",
    checked: "2026-11-27",
    source: "aws/karpenter-provider-aws charts/karpenter/Chart.yaml",
  },
  metricsServer: {
    repoURL: "https://kubernetes-sigs.github.io/metrics-server/",
    chart: "metrics-server",
    version: "3.13.0",
    appVersion: "0.8.0",
    checked: "2026-11-27",
    source: "kubernetes-sigs/metrics-server charts/metrics-server/Chart.yaml",
  },
  externalSecrets: {
    repoURL: "https://charts.external-secrets.io",
    chart: "external-secrets",
    version: "1.1.0",
    appVersion: "v1.1.0",
    checked: "2026-11-27",
    source: "external-secrets/external-secrets deploy/charts/external-secrets/Chart.yaml",
  },
  certManager: {
    repoURL: "https://charts.jetstack.io",
    chart: "cert-manager",
    version: "v1.19.1",
    appVersion: "v1.19.1",
    checked: "2026-11-27",
    source: "cert-manager/cert-manager releases",
  },
  secretsStoreCsiDriver: {
    repoURL: "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts",
    chart: "secrets-store-csi-driver",
    version: "1.5.4",
    appVersion: "v1.5.4",
    checked: "2026-11-27",
    source: "kubernetes-sigs/secrets-store-csi-driver charts/secrets-store-csi-driver/Chart.yaml",
  },
  secretsStoreCsiProviderAws: {
    repoURL: "https://aws.github.io/secrets-store-csi-driver-provider-aws",
    chart: "secrets-store-csi-driver-provider-aws",
    version: "2.1.0",
    appVersion: "2.1.0",
    checked: "2026-11-27",
    source: "aws/secrets-store-csi-driver-provider-aws charts/secrets-store-csi-driver-provider-aws/Chart.yaml",
  },
  argoRollouts: {
    repoURL: "https://argoproj.github.io/argo-helm",
    chart: "argo-rollouts",
    version: "2.40.5",
    appVersion: "v1.8.3",
    checked: "2026-11-27",
    source: "argoproj/argo-helm charts/argo-rollouts/Chart.yaml",
  },
  kubePrometheusStack: {
    repoURL: "https://prometheus-community.github.io/helm-charts",
    chart: "kube-prometheus-stack",
    version: "79.7.1",
    appVersion: "v0.86.2",
    checked: "2026-11-27",
    source: "prometheus-community/helm-charts charts/kube-prometheus-stack/Chart.yaml",
  },
  prometheusAdapter: {
    repoURL: "https://prometheus-community.github.io/helm-charts",
    chart: "prometheus-adapter",
    version: "5.2.0",
    appVersion: "v0.12.0",
    checked: "2026-11-27",
    source: "prometheus-community/helm-charts charts/prometheus-adapter/Chart.yaml",
  },
  loki: {
    repoURL: "https://grafana.github.io/helm-charts",
    chart: "loki",
    version: "6.46.0",
    appVersion: "3.5.7",
    checked: "2026-11-27",
    source: "grafana/loki production/helm/loki/Chart.yaml",
  },
  tempo: {
    repoURL: "https://grafana.github.io/helm-charts",
    chart: "tempo",
    version: "1.24.0",
    appVersion: "2.9.0",
    checked: "2026-11-27",
    source: "grafana/helm-charts charts/tempo/Chart.yaml",
  },
  alloy: {
    repoURL: "https://grafana.github.io/helm-charts",
    chart: "alloy",
    version: "1.4.0",
    appVersion: "v1.11.3",
    checked: "2026-11-27",
    source: "grafana/alloy operations/helm/charts/alloy/Chart.yaml",
  },
} as const satisfies Record<string, ChartVersion>;

export type ChartName = keyof typeof CHARTS;

/** API versions of custom resources the generated platform writes. */
export const CRD_API_VERSIONS = {
  argoApplication: "argoproj.io/v1alpha1",
  karpenterNodePool: "karpenter.sh/v1",
  karpenterEc2NodeClass: "karpenter.k8s.aws/v1",
  externalSecrets: "external-secrets.io/v1",
  argoRollouts: "argoproj.io/v1alpha1",
  prometheusOperator: "monitoring.coreos.com/v1",
  certManager: "cert-manager.io/v1",
  secretsStoreCsi: "secrets-store.csi.x-k8s.io/v1",
} as const;
