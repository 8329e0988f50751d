import { describe, expect, it } from "vitest";
import { binaryPaths } from "../../src/local/binaries.js";
import { CLIENT_IDENTITIES, type Pki } from "../../src/local/certificates.js";
import { componentProcesses, customMetricsLayout, type ClusterLayout, type ClusterPorts } from "../../src/local/components.js";
import { withRenamedNamespace } from "../support/renamed-namespace.js";

const pair = (name: string) => ({ cert: `/pki/${name}.crt`, key: `/pki/${name}.key` });
const pki = {
  caCert: "/pki/ca.crt",
  caKey: "/pki/ca.key",
  serving: pair("apiserver"),
  metricsServing: pair("metrics-server-serving"),
  clients: Object.fromEntries(Object.entries(CLIENT_IDENTITIES).map(([name, identity]) => [name, pair(identity.file)])),
  frontProxyCaCert: "/pki/front-proxy-ca.crt",
  frontProxyClient: pair("front-proxy-client"),
  serviceAccountKey: "/pki/sa.key",
  serviceAccountPublicKey: "/pki/sa.pub",
} as unknown as Pki;
const ports = Object.fromEntries(
  ["etcdClient", "etcdPeer", "apiServer", "kwok", "rolloutsMetrics", "rolloutsHealth", "metricsServer", "redis", "argoCdRepoServer", "argoCdRepoServerMetrics", "argoCdControllerMetrics", "repositoryProxy", "karpenterMetrics", "karpenterHealth", "prometheus", "prometheusAdapter"].map(
    (name, index) => [name, 40000 + index],
  ),
) as unknown as ClusterPorts;
const layout: ClusterLayout = {
  stateDirectory: "/state",
  binaries: binaryPaths("/bin"),
  pki,
  ports,
  kubeconfigs: { controllerManager: "/kc/cm", scheduler: "/kc/s", kwok: "/kc/k", rolloutsController: "/kc/r", metricsServer: "/kc/m", argoCdController: "/kc/a", karpenter: "/kc/kp", prometheusAdapter: "/kc/pa" },
  argoCd: { redisServer: "redis-server", toolsDirectory: "/t", dataDirectory: "/d", proxyConfig: "/p.json", proxyMain: "/p.js" },
  kwokLocalStages: "/state/kwok-local-stages.yaml",
  karpenterInstanceTypesFile: "/state/it.json",
  karpenterNamespace: "kube-system",
};

describe("componentProcesses", () => {
  it("GIVEN extra arguments for a component WHEN its command line is made THEN they come after the defaults (a repeated flag's last value wins) and the others are untouched", () => {
    const plain = componentProcesses(layout);
    const compressed = componentProcesses({ ...layout, componentArgs: { "metrics-server": ["--metric-resolution=10s"], "kube-controller-manager": ["--horizontal-pod-autoscaler-sync-period=750ms"] } });
    expect(compressed["metrics-server"].args).toEqual([...plain["metrics-server"].args, "--metric-resolution=10s"]);
    expect(plain["metrics-server"].args).toContain("--metric-resolution=10s");
    expect(compressed["kube-controller-manager"].args.at(-1)).toBe("--horizontal-pod-autoscaler-sync-period=750ms");
    expect(compressed["kube-scheduler"]).toEqual(plain["kube-scheduler"]);
  });

  it("GIVEN the local cluster WHEN metrics-server's and the HPA controller's command lines are made THEN metrics-server samples at its 10s floor with a kubelet timeout it accepts, and HPAs sync every 5s", () => {
    const processes = componentProcesses(layout);
    const seconds = (args: readonly string[], flag: string) => {
      const values = args.filter((arg) => arg.startsWith(`--${flag}=`)).map((arg) => Number.parseFloat(arg.slice(flag.length + 3)));
      expect(values, `--${flag} given once`).toHaveLength(1);
      return values[0]!;
    };
    const resolution = seconds(processes["metrics-server"].args, "metric-resolution");
    const timeout = seconds(processes["metrics-server"].args, "kubelet-request-timeout");
    // metrics-server's own validation (cmd/metrics-server/app/options): at least 10s, and 90% of it not under the kubelet request timeout.
    expect(resolution).toBe(10);
    expect(resolution * 0.9).toBeGreaterThanOrEqual(timeout);
    expect(seconds(processes["kube-controller-manager"].args, "horizontal-pod-autoscaler-sync-period")).toBe(1);
  });

  it("GIVEN the local cluster WHEN the command lines are made THEN every Go component collects garbage at GOGC=200, its own environment kept, and Redis and the repository proxy (not Go) get no GOGC", () => {
    const processes = componentProcesses(layout, {});
    const withGogc = Object.entries(processes).filter(([, spec]) => spec.env?.GOGC === "200").map(([name]) => name);
    expect(withGogc).toEqual(Object.keys(processes).filter((name) => name !== "redis" && name !== "repository-proxy"));
    expect(processes.redis.env?.GOGC).toBeUndefined();
    expect(processes["repository-proxy"].env?.GOGC).toBeUndefined();
    expect(processes.karpenter.env).toMatchObject({ SYSTEM_NAMESPACE: "kube-system", GOGC: "200" });
    expect(processes["argocd-application-controller"].env).toMatchObject({ ARGOCD_FAKE_IN_CLUSTER: "true", GOGC: "200" });
  });

  it("GIVEN a user's own GOGC WHEN the command lines are made THEN the Go components keep it", () => {
    const processes = componentProcesses(layout, { GOGC: "50" });
    expect(processes["kube-apiserver"].env?.GOGC).toBe("50");
    expect(processes.redis.env?.GOGC).toBeUndefined();
  });

  it("GIVEN a simulation layout WHEN Prometheus and prometheus-adapter are described THEN both listen on loopback, the adapter on the aggregated-API certificate, querying the local Prometheus with the given intervals", () => {
    const processes = componentProcesses({ ...layout, customMetrics: customMetricsLayout("/state", { relistInterval: "3s", maxAge: "6s" }) });
    expect(processes.prometheus).toMatchObject({ binary: "prometheus", logFile: "/state/logs/prometheus.log" });
    expect(processes.prometheus.args).toEqual([
      "--config.file=/state/custom-metrics/prometheus.yml",
      "--storage.tsdb.path=/state/custom-metrics/prometheus-data",
      `--web.listen-address=127.0.0.1:${ports.prometheus}`,
      "--storage.tsdb.retention.time=1d",
      "--log.level=warn",
    ]);
    expect(processes["prometheus-adapter"].binary).toBe("/bin/prometheus-adapter");
    expect(processes["prometheus-adapter"].args).toEqual(
      expect.arrayContaining([
        "--bind-address=127.0.0.1",
        `--secure-port=${ports.prometheusAdapter}`,
        "--tls-cert-file=/pki/metrics-server-serving.crt",
        "--lister-kubeconfig=/kc/pa",
        `--prometheus-url=http://127.0.0.1:${ports.prometheus}/`,
        "--config=/state/custom-metrics/prometheus-adapter.yaml",
        "--metrics-relist-interval=3s",
        "--metrics-max-age=6s",
      ]),
    );
  });
});

describe("Argo CD's namespace on the local cluster", () => {
  it("GIVEN the platform's Argo CD namespace renamed in PLATFORM_NAMESPACES WHEN the application-controller's command line is made THEN it watches the renamed namespace (one fact, not a copy)", async () => {
    const renamed = await withRenamedNamespace("argocd", "gitops-controller", () => import("../../src/local/components.js"));
    expect(renamed.componentProcesses(layout)["argocd-application-controller"].args).toContain("--namespace=gitops-controller");
    expect(componentProcesses(layout)["argocd-application-controller"].args).toContain("--namespace=argocd");
  });
});
