import { parse } from "yaml";
import { describe, expect, it, vi } from "vitest";
import { LOKI_PUSH_URL, LOKI_URL, MONITORING_NAMESPACE, PROMETHEUS_URL, TEMPO_URL } from "../../../src/gitops/addons/monitoring-endpoints.js";
import { PROMETHEUS_URL as CONVENTIONS_PROMETHEUS_URL } from "../../../src/gitops/conventions.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { PLATFORM_NAMESPACES, platformNames } from "../../../src/platform-spec/names.js";

/** The namespace part of an in-cluster Service URL (`http://svc.NAMESPACE.svc:port`). */
const namespaceOf = (url: string) => new URL(url).hostname.split(".")[1];

describe("monitoring endpoints", () => {
  const spec = parseSpec({}, "reference");
  const tree = synthesizeGitOps(spec);
  const installedIn = (application: string) => (parse(tree.get(`apps/monitoring/${application}.yaml`)!) as { spec: { destination: { namespace: string } } }).spec.destination.namespace;

  it("GIVEN the platform's namespaces WHEN the monitoring namespace is read THEN there is one fact, names.ts's", () => {
    expect(MONITORING_NAMESPACE).toBe(PLATFORM_NAMESPACES.monitoring);
    expect(platformNames(spec).namespaces.monitoring).toBe(PLATFORM_NAMESPACES.monitoring);
    expect(CONVENTIONS_PROMETHEUS_URL).toBe(PROMETHEUS_URL);
  });

  it.each([
    ["Prometheus", PROMETHEUS_URL, "kube-prometheus-stack"],
    ["Loki", LOKI_URL, "loki"],
    ["Loki push", LOKI_PUSH_URL, "loki"],
    ["Tempo", TEMPO_URL, "tempo"],
  ])("GIVEN the %s URL Grafana, Alloy, the adapter and analyses use WHEN compared with the synthesized Application THEN it points into the namespace the back end is installed in", (_name, url, application) => {
    expect(namespaceOf(url)).toBe(installedIn(application));
  });

  it("GIVEN the monitoring namespace renamed in names.ts WHEN the platform is synthesized THEN Grafana's data sources, prometheus-adapter and the Applications all move with it", async () => {
    // A fresh module graph whose names.ts says "observability": every module that derives
    // a URL or a namespace from it is loaded again, as after an edit of that one line.
    vi.resetModules();
    try {
      const names = await import("../../../src/platform-spec/names.js");
      (names.PLATFORM_NAMESPACES as { monitoring: string }).monitoring = "observability";
      const { synthesizeGitOps: synthesize } = await import("../../../src/gitops/synthesize.js");
      const { parseSpec: parse_ } = await import("../../../src/platform-spec/load.js");
      const renamed = synthesize(parse_({}, "reference"));
      const application = (name: string) => parse(renamed.get(`apps/monitoring/${name}.yaml`)!) as {
        spec: { destination: { namespace: string }; source: { helm: { valuesObject: Record<string, any> } } };
      };

      const grafana = application("kube-prometheus-stack").spec.source.helm.valuesObject.grafana;
      const dataSources = (grafana.additionalDataSources ?? grafana.datasources?.["datasources.yaml"]?.datasources) as { name: string; url: string }[];
      expect(dataSources.map((source) => `${source.name} ${namespaceOf(source.url)}`)).toEqual(dataSources.map((source) => `${source.name} observability`));
      expect(namespaceOf(application("prometheus-adapter").spec.source.helm.valuesObject.prometheus.url)).toBe("observability");
      for (const name of ["kube-prometheus-stack", "prometheus-adapter", "loki", "tempo"]) expect(application(name).spec.destination.namespace).toBe("observability");
      // Nothing in the tree still points at the old namespace.
      const stale = [...renamed].filter(([, text]) => /\.monitoring\.svc\b|: "?monitoring"?$/m.test(text)).map(([path]) => path);
      expect(stale).toEqual([]);
    } finally {
      vi.resetModules();
    }
  });
});
