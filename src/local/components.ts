/**
 * Command lines of the local control plane's components, in start order: etcd →
 * kube-apiserver → kube-controller-manager → kube-scheduler → kwok. A pure function of
 * the cluster's layout, so what runs is readable in one place and testable without
 * starting anything.
 *
 * Everything listens on loopback only, but for three metrics/health ports whose host part
 * upstream hard-codes to all interfaces: Karpenter's two and the Argo CD
 * application-controller's metrics port (below). The API server runs with RBAC and the Node
 * authorizer, its default admission plugins (Pod Security admission included, reading the
 * namespace labels), service-account token signing and the aggregation layer (for
 * metrics-server). The flags follow what envtest and kwokctl pass.
 */
import { delimiter, join } from "node:path";
import { ARGOCD_NAMESPACE } from "../gitops/argocd/application.js";
import type { BinaryPaths } from "./binaries.js";
import type { Pki } from "./certificates.js";
import type { ProcessSpec } from "./process-supervisor.js";
import { METRICS_SERVER_KUBELET_TIMEOUT, METRICS_SERVER_MIN_RESOLUTION } from "../simulate/time-compression.js";

export interface ClusterPorts {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly apiServer: number;
  readonly kwok: number;
  readonly rolloutsMetrics: number;
  readonly rolloutsHealth: number;
  readonly metricsServer: number;
  readonly redis: number;
  readonly argoCdRepoServer: number;
  readonly argoCdRepoServerMetrics: number;
  readonly argoCdControllerMetrics: number;
  readonly repositoryProxy: number;
  readonly karpenterMetrics: number;
  readonly karpenterHealth: number;
  readonly prometheus: number;
  readonly prometheusAdapter: number;
}

/**
 * The custom metrics path `slipway simulate` adds (simulate.md): Debian's Prometheus
 * scraping the simulation's load exporter, and prometheus-adapter serving its rate as
 * `http_requests_per_second` with the platform's own rule.
 */
export interface CustomMetricsLayout {
  /** prometheus, from the PATH. */
  readonly prometheusBinary: string;
  readonly prometheusConfig: string;
  readonly prometheusData: string;
  readonly adapterConfig: string;
  readonly relistInterval: string;
  /** Oldest series the adapter lists: the rule's rate window. */
  readonly maxAge: string;
}

/** What Argo CD's processes need on the host (argocd-sync.ts prepares it). */
export interface ArgoCdLayout {
  /** redis-server, from the PATH. */
  readonly redisServer: string;
  /** Folder put first on the repo-server's PATH: helm and kustomize as Slipway resolves them. */
  readonly toolsDirectory: string;
  /** HOME and data folders of the repo-server (Argo CD's defaults are under /app and /home/argocd). */
  readonly dataDirectory: string;
  /** The repository proxy's configuration (repository-proxy.ts). */
  readonly proxyConfig: string;
  /** The repository proxy's entry point, run with this Node.js. */
  readonly proxyMain: string;
}

export interface ClusterLayout {
  readonly stateDirectory: string;
  readonly binaries: BinaryPaths;
  readonly pki: Pki;
  readonly ports: ClusterPorts;
  /** Kubeconfig per component (client certificate of its own identity). */
  readonly kubeconfigs: {
    readonly controllerManager: string;
    readonly scheduler: string;
    readonly kwok: string;
    readonly rolloutsController: string;
    readonly metricsServer: string;
    readonly argoCdController: string;
    readonly karpenter: string;
    readonly prometheusAdapter: string;
  };
  readonly argoCd: ArgoCdLayout;
  /** Present on clusters `slipway simulate` brings up: Prometheus and prometheus-adapter run. */
  readonly customMetrics?: CustomMetricsLayout;
  /**
   * Flags appended to a component's defaults (a repeated flag's last value wins): the time
   * compression of `slipway simulate` (src/simulate/time-compression.ts).
   */
  readonly componentArgs?: Readonly<Partial<Record<ComponentName, readonly string[]>>>;
  /** kwok Stage file of the local cluster's own (kwok-metrics-path-stage.ts), read after upstream's stages. */
  readonly kwokLocalStages: string;
  /** The local Karpenter's instance-types file (karpenter-instance-types.ts), written by `up`. */
  readonly karpenterInstanceTypesFile: string;
  /** Namespace Karpenter's chart installs into (its SYSTEM_NAMESPACE). */
  readonly karpenterNamespace: string;
}

export const SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/16";
/** First address of the service range: the `kubernetes` Service, in the serving certificate. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
export const CLUSTER_CIDR = "10.244.0.0/16";
/** Start order; the Argo Rollouts controller and Karpenter start once their CRDs are installed. */
export const COMPONENT_NAMES = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kwok",
  "metrics-server",
  "rollouts-controller",
  "karpenter",
  "redis",
  "repository-proxy",
  "argocd-repo-server",
  "argocd-application-controller",
  "prometheus",
  "prometheus-adapter",
] as const;
/** What `--apply argocd` runs besides the cluster itself, stopped in reverse by `--apply server-side-apply`. */
export const ARGOCD_COMPONENTS = ["redis", "repository-proxy", "argocd-repo-server", "argocd-application-controller"] as const satisfies readonly (typeof COMPONENT_NAMES)[number][];
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/**
 * kube-controller-manager's HPA sync period on the local cluster (upstream and EKS: 15s):
 * a new Rollout's HPA turns Healthy at the first sync after metrics-server has two samples
 * of its pods, and `up` waits for that. One HPA per application, so a sync a second costs
 * nothing measurable.
 */
export const LOCAL_HPA_SYNC_PERIOD = "1s";

/** Health endpoints every component may serve unauthenticated (for our readiness checks). */
const ALWAYS_ALLOW_PATHS = "/healthz,/readyz,/livez,/metrics";

/**
 * Go's garbage collector target for the Go components (Go's default: 100). A local run is
 * CPU-bound on 2 cores, mostly in the API server and Argo CD's application-controller, and
 * collecting half as often measured 172.9 s of CPU instead of 216.4 s until every
 * Application was Synced and Healthy (docs/local-control-plane.md, Figures), for about half
 * again as much memory (kube-apiserver 1.5 GB resident instead of 1 GB).
 */
export const LOCAL_GOGC = "200";
/** The components that are not Go programs. */
const NOT_GO: readonly ComponentName[] = ["redis", "repository-proxy"];

/** The components' command lines; a GOGC in `environment` (the user's) wins over LOCAL_GOGC. */
export function componentProcesses(layout: ClusterLayout, environment: NodeJS.ProcessEnv = process.env): Record<ComponentName, ProcessSpec> {
  const defaults = withGoGarbageCollection(defaultProcesses(layout), environment.GOGC ?? LOCAL_GOGC);
  const processes = { ...defaults };
  for (const [name, extra] of Object.entries(layout.componentArgs ?? {}) as [ComponentName, readonly string[]][]) {
    processes[name] = { ...defaults[name], args: [...defaults[name].args, ...extra] };
  }
  return processes;
}

function withGoGarbageCollection(processes: Record<ComponentName, ProcessSpec>, gogc: string): Record<ComponentName, ProcessSpec> {
  return Object.fromEntries(
    Object.entries(processes).map(([name, spec]) => [name, NOT_GO.includes(name as ComponentName) ? spec : { ...spec, env: { ...spec.env, GOGC: gogc } }]),
  ) as Record<ComponentName, ProcessSpec>;
}

function defaultProcesses(layout: ClusterLayout): Record<ComponentName, ProcessSpec> {
  const { binaries, pki, ports, stateDirectory } = layout;
  const customMetrics = layout.customMetrics ?? customMetricsLayout(stateDirectory);
  const log = (name: string) => join(stateDirectory, "logs", `${name}.log`);
  const etcdUrl = `http://127.0.0.1:${ports.etcdClient}`;
  const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
  return {
    etcd: {
      name: "etcd",
      binary: binaries.etcd,
      logFile: log("etcd"),
      args: [
        "--name=slipway",
        `--data-dir=${join(stateDirectory, "etcd")}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=slipway=${peerUrl}`,
        // A disposable local cluster: durability is not worth the fsync latency.
        "--unsafe-no-fsync=true",
        "--log-level=warn",
        "--quota-backend-bytes=8589934592",
      ],
    },
    "kube-apiserver": {
      name: "kube-apiserver",
      binary: binaries["kube-apiserver"],
      logFile: log("kube-apiserver"),
      args: [
        `--etcd-servers=${etcdUrl}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        // The `kubernetes` Service cannot have a loopback endpoint; nothing in the cluster dials it.
        "--endpoint-reconciler-type=none",
        `--secure-port=${ports.apiServer}`,
        `--tls-cert-file=${pki.serving.cert}`,
        `--tls-private-key-file=${pki.serving.key}`,
        `--client-ca-file=${pki.caCert}`,
        `--kubelet-client-certificate=${pki.clients.apiserverKubeletClient.cert}`,
        `--kubelet-client-key=${pki.clients.apiserverKubeletClient.key}`,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        `--service-account-key-file=${pki.serviceAccountPublicKey}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
        "--authorization-mode=Node,RBAC",
        "--allow-privileged=true",
        // Aggregation layer: metrics-server registers metrics.k8s.io behind it.
        `--requestheader-client-ca-file=${pki.frontProxyCaCert}`,
        "--requestheader-allowed-names=front-proxy-client",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-username-headers=X-Remote-User",
        `--proxy-client-cert-file=${pki.frontProxyClient.cert}`,
        `--proxy-client-key-file=${pki.frontProxyClient.key}`,
        "--profiling=false",
        "--v=0",
      ],
    },
    "kube-controller-manager": {
      name: "kube-controller-manager",
      binary: binaries["kube-controller-manager"],
      logFile: log("kube-controller-manager"),
      args: [
        `--kubeconfig=${layout.kubeconfigs.controllerManager}`,
        `--authentication-kubeconfig=${layout.kubeconfigs.controllerManager}`,
        `--authorization-kubeconfig=${layout.kubeconfigs.controllerManager}`,
        `--authorization-always-allow-paths=${ALWAYS_ALLOW_PATHS}`,
        "--bind-address=127.0.0.1",
        // No serving port: nothing scrapes it locally and a fixed port would collide between clusters.
        "--secure-port=0",
        "--leader-elect=false",
        "--use-service-account-credentials=true",
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
        `--cluster-cidr=${CLUSTER_CIDR}`,
        "--allocate-node-cidrs=false",
        // Local only (EKS: 15s): a new Rollout's HPA turns Healthy in Argo CD at the first HPA sync
        // after metrics-server has two samples of its pods; `up` waits for that. `slipway simulate`
        // appends its own, compressed from EKS's 15s (time-compression.ts).
        `--horizontal-pod-autoscaler-sync-period=${LOCAL_HPA_SYNC_PERIOD}`,
        "--kube-api-qps=500",
        "--kube-api-burst=1000",
        "--profiling=false",
      ],
    },
    "kube-scheduler": {
      name: "kube-scheduler",
      binary: binaries["kube-scheduler"],
      logFile: log("kube-scheduler"),
      args: [
        `--kubeconfig=${layout.kubeconfigs.scheduler}`,
        `--authentication-kubeconfig=${layout.kubeconfigs.scheduler}`,
        `--authorization-kubeconfig=${layout.kubeconfigs.scheduler}`,
        `--authorization-always-allow-paths=${ALWAYS_ALLOW_PATHS}`,
        "--bind-address=127.0.0.1",
        "--secure-port=0",
        "--leader-elect=false",
        "--profiling=false",
      ],
    },
    kwok: {
      name: "kwok",
      binary: binaries.kwok,
      logFile: log("kwok"),
      args: [
        `--kubeconfig=${layout.kubeconfigs.kwok}`,
        `--config=${binaries.kwokConfig}`,
        `--config=${layout.kwokLocalStages}`,
        "--manage-all-nodes=false",
        // Leases are the heartbeat the node lifecycle controller watches; without them every
        // node turns NotReady after the grace period. (kwokctl's default; the binary's is off.)
        "--node-lease-duration-seconds=40",
        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
        `--server-address=127.0.0.1:${ports.kwok}`,
        "--node-ip=127.0.0.1",
        `--node-port=${ports.kwok}`,
        `--tls-cert-file=${pki.serving.cert}`,
        `--tls-private-key-file=${pki.serving.key}`,
      ],
    },
    // The platform's metrics-server add-on, run on the host: it scrapes kwok's per-node resource
    // metrics (pod usage from annotations) so the HPA controller sees CPU and memory.
    "metrics-server": {
      name: "metrics-server",
      binary: binaries["metrics-server"],
      logFile: log("metrics-server"),
      args: [
        "--bind-address=127.0.0.1",
        `--secure-port=${ports.metricsServer}`,
        `--kubeconfig=${layout.kubeconfigs.metricsServer}`,
        `--authentication-kubeconfig=${layout.kubeconfigs.metricsServer}`,
        `--authorization-kubeconfig=${layout.kubeconfigs.metricsServer}`,
        `--tls-cert-file=${pki.metricsServing.cert}`,
        `--tls-private-key-file=${pki.metricsServing.key}`,
        "--kubelet-preferred-address-types=InternalIP",
        "--kubelet-use-node-status-port",
        // kwok serves the kubelet endpoints with the API server's certificate, not one per node IP.
        "--kubelet-insecure-tls",
        // metrics-server's floor (the chart's 15s on EKS): the HPA needs two samples of a new pod. It refuses a
        // resolution under 10/9 of its kubelet request timeout (10s by default); kwok answers on loopback in milliseconds.
        `--kubelet-request-timeout=${METRICS_SERVER_KUBELET_TIMEOUT}s`,
        `--metric-resolution=${METRICS_SERVER_MIN_RESOLUTION}s`,
      ],
    },
    // Upstream Argo Rollouts controller: the applications are Rollouts, and without it they have no pods.
    "rollouts-controller": {
      name: "rollouts-controller",
      binary: binaries["rollouts-controller"],
      logFile: log("rollouts-controller"),
      env: { POD_NAMESPACE: "argo-rollouts" },
      args: [
        `--kubeconfig=${layout.kubeconfigs.rolloutsController}`,
        "--leader-elect=false",
        `--metricsport=${ports.rolloutsMetrics}`,
        `--healthzPort=${ports.rolloutsHealth}`,
        "--loglevel=warn",
        "--qps=100",
        "--burst=200",
      ],
    },
    // Upstream Karpenter with its kwok cloud provider: it turns pending pods into NodeClaims
    // and creates the Nodes (annotated kwok.x-k8s.io/node=fake, so kwok runs them) from the
    // instance-types file. Its options are environment variables (pkg/operator/options);
    // the kubeconfig is read by controller-runtime from KUBECONFIG. Its metrics and health
    // servers bind ":<port>" (all interfaces): upstream hard-codes the host part, so these two
    // ports are exceptions to loopback-only (with the Argo CD application-controller's metrics port).
    karpenter: {
      name: "karpenter",
      binary: binaries.karpenter,
      logFile: log("karpenter"),
      env: {
        KUBECONFIG: layout.kubeconfigs.karpenter,
        SYSTEM_NAMESPACE: layout.karpenterNamespace,
        DISABLE_LEADER_ELECTION: "true",
        METRICS_PORT: String(ports.karpenterMetrics),
        HEALTH_PROBE_PORT: String(ports.karpenterHealth),
        INSTANCE_TYPES_FILE_PATH: layout.karpenterInstanceTypesFile,
        LOG_LEVEL: "info",
        KUBE_CLIENT_QPS: "100",
        KUBE_CLIENT_BURST: "200",
      },
      args: [],
    },
    // Argo CD's cache: the application-controller keeps resource trees there, the repo-server manifests.
    redis: {
      name: "redis",
      binary: layout.argoCd.redisServer,
      logFile: log("redis"),
      // `set-proc-title no`: Redis would rewrite its command line, and the supervisor knows a process by it.
      args: ["--bind", "127.0.0.1", "--port", String(ports.redis), "--save", "", "--appendonly", "no", "--protected-mode", "no", "--set-proc-title", "no", "--dir", layout.argoCd.dataDirectory],
    },
    "repository-proxy": {
      name: "repository-proxy",
      binary: process.execPath,
      logFile: log("repository-proxy"),
      args: [layout.argoCd.proxyMain, layout.argoCd.proxyConfig, String(ports.repositoryProxy)],
      interpreted: true,
    },
    // Argo CD's multi-call binary runs the component ARGOCD_BINARY_NAME names.
    "argocd-repo-server": {
      name: "argocd-repo-server",
      binary: binaries.argocd,
      logFile: log("argocd-repo-server"),
      env: {
        ...argoCdEnvironment(layout, "argocd-repo-server"),
        PATH: [layout.argoCd.toolsDirectory, binaries.argoCdScripts, process.env.PATH ?? ""].join(delimiter),
      },
      args: [
        "--address=127.0.0.1",
        `--port=${ports.argoCdRepoServer}`,
        "--metrics-address=127.0.0.1",
        `--metrics-port=${ports.argoCdRepoServerMetrics}`,
        `--redis=127.0.0.1:${ports.redis}`,
        // Loopback only: the controller is the one client (and no mTLS client CA with TLS off).
        "--disable-tls",
        "--client-ca-path=",
        "--logformat=text",
        "--loglevel=warn",
      ],
    },
    "argocd-application-controller": {
      name: "argocd-application-controller",
      binary: binaries.argocd,
      logFile: log("argocd-application-controller"),
      env: {
        ...argoCdEnvironment(layout, "argocd-application-controller"),
        // Argo CD's own switch for a controller outside the cluster: the in-cluster
        // destination (https://kubernetes.default.svc) uses this kubeconfig.
        ARGOCD_FAKE_IN_CLUSTER: "true",
        KUBECONFIG: layout.kubeconfigs.argoCdController,
      },
      args: [
        `--kubeconfig=${layout.kubeconfigs.argoCdController}`,
        `--namespace=${ARGOCD_NAMESPACE}`,
        `--repo-server=127.0.0.1:${ports.argoCdRepoServer}`,
        "--repo-server-plaintext",
        `--redis=127.0.0.1:${ports.redis}`,
        // Argo CD binds it on all interfaces (0.0.0.0, hard-coded upstream): it shows Application names and repository URLs.
        `--metrics-port=${ports.argoCdControllerMetrics}`,
        // Reconcile every 60s rather than 120s: a local run is short.
        "--app-resync=60",
        "--logformat=text",
        "--loglevel=warn",
      ],
    },
    // Debian's Prometheus, scraping the load exporter of `slipway simulate` (its configuration: custom-metrics-config.ts).
    prometheus: {
      name: "prometheus",
      binary: customMetrics.prometheusBinary,
      logFile: log("prometheus"),
      args: [
        `--config.file=${customMetrics.prometheusConfig}`,
        `--storage.tsdb.path=${customMetrics.prometheusData}`,
        `--web.listen-address=127.0.0.1:${ports.prometheus}`,
        "--storage.tsdb.retention.time=1d",
        "--log.level=warn",
      ],
    },
    // The platform's prometheus-adapter, run on the host with the platform's rule: the custom metrics API the HPAs read.
    "prometheus-adapter": {
      name: "prometheus-adapter",
      binary: binaries["prometheus-adapter"],
      logFile: log("prometheus-adapter"),
      args: [
        "--bind-address=127.0.0.1",
        `--secure-port=${ports.prometheusAdapter}`,
        `--tls-cert-file=${pki.metricsServing.cert}`,
        `--tls-private-key-file=${pki.metricsServing.key}`,
        `--lister-kubeconfig=${layout.kubeconfigs.prometheusAdapter}`,
        `--authentication-kubeconfig=${layout.kubeconfigs.prometheusAdapter}`,
        `--authorization-kubeconfig=${layout.kubeconfigs.prometheusAdapter}`,
        `--prometheus-url=http://127.0.0.1:${ports.prometheus}/`,
        `--config=${customMetrics.adapterConfig}`,
        `--metrics-relist-interval=${customMetrics.relistInterval}`,
        `--metrics-max-age=${customMetrics.maxAge}`,
        "--v=1",
      ],
    },
  };
}

/** Where Prometheus and prometheus-adapter keep their files in the cluster's state; the intervals are upstream's unless `slipway simulate` compresses them. */
export function customMetricsLayout(stateDirectory: string, intervals: { relistInterval: string; maxAge: string } = { relistInterval: "1m", maxAge: "2m" }): CustomMetricsLayout {
  const directory = join(stateDirectory, "custom-metrics");
  return {
    prometheusBinary: "prometheus",
    prometheusConfig: join(directory, "prometheus.yml"),
    prometheusData: join(directory, "prometheus-data"),
    adapterConfig: join(directory, "prometheus-adapter.yaml"),
    ...intervals,
  };
}

/**
 * Argo CD reads its data (TLS certificates, SSH known hosts, GnuPG keys, plugin sockets)
 * from fixed paths of its container image; on the host they point into the cluster's state.
 */
function argoCdEnvironment(layout: ClusterLayout, component: string): NodeJS.ProcessEnv {
  const data = (name: string) => join(layout.argoCd.dataDirectory, name);
  return {
    ARGOCD_BINARY_NAME: component,
    HOME: data("home"),
    ARGOCD_TLS_DATA_PATH: data("tls"),
    ARGOCD_SSH_DATA_PATH: data("ssh"),
    ARGOCD_GPG_DATA_PATH: data("gpg-keys"),
    ARGOCD_GNUPGHOME: data("gnupg"),
    ARGOCD_GPG_ENABLED: "false",
    ARGOCD_PLUGINSOCKFILEPATH: data("plugins"),
    TMPDIR: data("tmp"),
  };
}
