import { describe, expect, it } from "vitest";
import { kubePrometheusStackGenerator, ALERTMANAGER_SLACK_WEBHOOK_FILE } from "../../../src/gitops/addons/kube-prometheus-stack.js";
import { KUBE_PROMETHEUS_STACK_RELEASE, PROMETHEUS_URL } from "../../../src/gitops/conventions.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";
import { CHARTS_UNAVAILABLE, renderApplication } from "../../support/render-chart.js";
import { generate } from "./support.js";
import { sharedAlbAnnotations } from "../../../src/gitops/applications/ingress.js";

describe("kube-prometheus-stack values", () => {
  it("GIVEN the reference spec THEN Prometheus keeps 15d on 100Gi gp3 and selects every monitor in the cluster", () => {
    const { values, spec } = generate(kubePrometheusStackGenerator);
    expect(spec.source.helm.releaseName).toBe(KUBE_PROMETHEUS_STACK_RELEASE);
    const prometheus = values.prometheus.prometheusSpec;
    expect(prometheus).toMatchObject({
      retention: "15d",
      serviceMonitorSelectorNilUsesHelmValues: false,
      podMonitorSelectorNilUsesHelmValues: false,
      ruleSelectorNilUsesHelmValues: false,
      probeSelectorNilUsesHelmValues: false,
      scrapeConfigSelectorNilUsesHelmValues: false,
      storageSpec: { volumeClaimTemplate: { spec: { storageClassName: "gp3", resources: { requests: { storage: "100Gi" } } } } },
    });
  });

  it("GIVEN the reference spec THEN Grafana is persistent and reads its admin from the grafana-admin Secret", () => {
    const { grafana } = generate(kubePrometheusStackGenerator).values;
    expect(grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(grafana.persistence).toMatchObject({ enabled: true, storageClassName: "gp3", size: "10Gi" });
    expect(grafana.adminPassword).toBeUndefined();
  });

  it("GIVEN the reference spec THEN the data sources are the Services the charts create (Tempo on HTTP 3200)", () => {
    const sources = generate(kubePrometheusStackGenerator).values.grafana.additionalDataSources as { type: string; url: string }[];
    expect(sources.map((source) => [source.type, source.url])).toEqual([
      ["prometheus", "http://kube-prometheus-stack-prometheus.monitoring.svc:9090"],
      ["loki", "http://loki-gateway.monitoring.svc:80"],
      ["tempo", "http://tempo.monitoring.svc:3200"],
    ]);
    expect(sources[0]?.url).toBe(PROMETHEUS_URL);
  });

  it("GIVEN the reference spec THEN Alertmanager routes to #alerts grouped by alertname and namespace, reading the webhook from the mounted Secret", () => {
    const { alertmanager } = generate(kubePrometheusStackGenerator).values;
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(["alertmanager-slack-webhook"]);
    expect(alertmanager.config.route).toMatchObject({ receiver: "slack", group_by: ["alertname", "namespace"] });
    const slack = alertmanager.config.receivers.find((receiver: { name: string }) => receiver.name === "slack").slack_configs[0];
    expect(slack).toMatchObject({ channel: "#alerts", api_url_file: ALERTMANAGER_SLACK_WEBHOOK_FILE });
    expect(ALERTMANAGER_SLACK_WEBHOOK_FILE).toBe("/etc/alertmanager/secrets/alertmanager-slack-webhook/webhook-url");
    expect(slack.api_url).toBeUndefined();
  });

  it("GIVEN a customised spec THEN retention, storage, replicas, channel and grouping follow it", () => {
    const { values } = generate(kubePrometheusStackGenerator, {
      monitoring: {
        prometheus: { retention: "30d", storage: "500Gi", replicas: 3 },
        grafana: { storage: "20Gi" },
        alertmanager: { slackChannel: "#ops", groupBy: ["cluster"] },
      },
    });
    expect(values.prometheus.prometheusSpec).toMatchObject({ retention: "30d", replicas: 3 });
    expect(values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage).toBe("500Gi");
    expect(values.grafana.persistence.size).toBe("20Gi");
    expect(values.alertmanager.config.route.group_by).toEqual(["cluster"]);
    expect(values.alertmanager.config.receivers[1].slack_configs[0].channel).toBe("#ops");
  });
});

/**
 * Scrape jobs Prometheus can reach on EKS: the API server (through the `kubernetes`
 * Service), kubelet and cAdvisor, CoreDNS (the EKS add-on's pods), kube-state-metrics,
 * node-exporter and the stack's own components. The scheduler, controller manager and etcd
 * live in the AWS-managed control plane; kube-proxy binds its metrics to 127.0.0.1.
 */
const EKS_REACHABLE_JOB = /^(apiserver|kubelet|coredns|kube-state-metrics|node-exporter|kube-prometheus-stack-(alertmanager|operator|prometheus))$/;
const EKS_HIDDEN_JOB = /(scheduler|controller-manager|etcd|kube-proxy)/;

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
}

function rulesOf(objects: readonly KubeObject[]): { group: string; rule: Rule }[] {
  return objects
    .filter((object) => object.kind === "PrometheusRule")
    .flatMap((object: any) => (object.spec.groups as { name: string; rules: Rule[] }[]).flatMap((group) => group.rules.map((rule) => ({ group: group.name, rule }))));
}

describe.skipIf(CHARTS_UNAVAILABLE !== undefined)(`kube-prometheus-stack rendered by the real helm ${CHARTS_UNAVAILABLE ?? ""}`, () => {
  const render = () => renderApplication(generate(kubePrometheusStackGenerator).application);

  it("GIVEN monitoring.grafana.host WHEN rendered THEN Grafana gets an Ingress on the shared ALB for that host (HTTPS, its health endpoint), and none without it", async () => {
    const objects = await renderApplication(generate(kubePrometheusStackGenerator, { monitoring: { grafana: { host: "grafana.example.com" } } }).application);
    const ingresses = objects.filter((object) => object.kind === "Ingress");
    expect(ingresses.map((ingress) => ingress.metadata.name)).toEqual(["kube-prometheus-stack-grafana"]);
    const ingress = ingresses[0]!;
    expect(ingress.metadata.annotations).toEqual(sharedAlbAnnotations("/api/health"));
    expect(ingress.spec).toEqual({
      ingressClassName: "alb",
      tls: [{ hosts: ["grafana.example.com"] }],
      rules: [{ host: "grafana.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "kube-prometheus-stack-grafana", port: { number: 80 } } } }] } }],
    });
    expect((await render()).filter((object) => object.kind === "Ingress")).toEqual([]);
  }, 120_000);

  it("GIVEN EKS WHEN rendered THEN nothing scrapes the scheduler, controller manager, etcd or kube-proxy", async () => {
    const objects = await render();
    const monitors = objects.filter((object) => object.kind === "ServiceMonitor" || object.kind === "PodMonitor" || object.kind === "Service");
    expect(monitors.length).toBeGreaterThan(0);
    expect(monitors.map((object) => object.metadata.name).filter((name) => EKS_HIDDEN_JOB.test(name))).toEqual([]);
  }, 120_000);

  it("GIVEN EKS WHEN rendered THEN no rule reads a hidden target and every target-absent alert watches a job EKS lets Prometheus reach", async () => {
    const rules = rulesOf(await render());
    expect(rules.length).toBeGreaterThan(100);
    const hidden = rules.filter(({ group, rule }) => EKS_HIDDEN_JOB.test(group) || /job=~?"[^"]*(scheduler|controller-manager|etcd|kube-proxy)/.test(rule.expr));
    expect(hidden.map(({ group, rule }) => `${group}/${rule.alert ?? rule.record}`)).toEqual([]);
    const absentJobs = rules.flatMap(({ rule }) => [...rule.expr.matchAll(/absent\(up\{[^}]*job="([^"]+)"/g)].map((match) => match[1]!));
    expect(absentJobs.length).toBeGreaterThan(0);
    expect(absentJobs.filter((job) => !EKS_REACHABLE_JOB.test(job))).toEqual([]);
  }, 120_000);

  it("GIVEN the Tempo metrics-generator WHEN rendered THEN Prometheus accepts remote write", async () => {
    const prometheus = (await render()).find((object) => object.kind === "Prometheus") as any;
    expect(prometheus.spec.enableRemoteWriteReceiver).toBe(true);
  }, 120_000);
});
