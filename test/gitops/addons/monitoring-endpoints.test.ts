import { parse } from "yaml";
import { describe, expect, it } from "vitest";
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
});
