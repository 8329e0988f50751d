import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kubePrometheusStackGenerator } from "../../../src/gitops/addons/kube-prometheus-stack.js";
import { tempoGenerator } from "../../../src/gitops/addons/tempo.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";
import { CHARTS_UNAVAILABLE, namespaceOf, renderApplication } from "../../support/render-chart.js";
import { generate } from "./support.js";

describe("Tempo values", () => {
  it("GIVEN the reference spec THEN traces go to the bridge's S3 bucket with the tempo service account and 14 days retention", () => {
    const { values } = generate(tempoGenerator);
    expect(values.tempo.storage.trace).toEqual({
      backend: "s3",
      s3: { bucket: "production-cluster-tempo-111122223333-eu-west-1", endpoint: "s3.eu-west-1.amazonaws.com", region: "eu-west-1" },
    });
    expect(values.tempo.retention).toBe("336h");
    expect(values.serviceAccount).toEqual({ create: true, name: "tempo" });
  });

  it("GIVEN a China region THEN the S3 endpoint uses the .com.cn domain", () => {
    const { values } = generate(tempoGenerator, { aws: { region: "cn-north-1" }, monitoring: { traceRetention: "72h" } });
    expect(values.tempo.storage.trace.s3.endpoint).toBe("s3.cn-north-1.amazonaws.com.cn");
    expect(values.tempo.retention).toBe("72h");
  });
});

function configMapFile(objects: readonly KubeObject[], name: string, key: string): any {
  const configMap = objects.find((object) => object.kind === "ConfigMap" && object.metadata.name === name) as { data?: Record<string, string> } | undefined;
  const text = configMap?.data?.[key];
  if (text === undefined) throw new Error(`no ConfigMap ${name} with ${key} in the render`);
  return parse(text);
}

/** Every `datasourceUid` a Grafana data source's jsonData links to, with where it is. */
function linkedUids(value: unknown, path: string): { path: string; uid: string }[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === "datasourceUid" && typeof child === "string" ? [{ path, uid: child }] : linkedUids(child, `${path}.${key}`),
  );
}

describe.skipIf(CHARTS_UNAVAILABLE !== undefined)(`Tempo service map rendered by the real helm ${CHARTS_UNAVAILABLE ?? ""}`, () => {
  it("GIVEN Grafana's Tempo data source offers a service map WHEN Tempo and kube-prometheus-stack are rendered THEN the metrics-generator writes service-graph metrics into a Prometheus that accepts them", async () => {
    const tempo = generate(tempoGenerator);
    const stack = generate(kubePrometheusStackGenerator);
    const [tempoObjects, stackObjects] = await Promise.all([renderApplication(tempo.application), renderApplication(stack.application)]);

    const sources = configMapFile(stackObjects, "kube-prometheus-stack-grafana-datasource", "datasource.yaml").datasources as any[];
    const tempoSource = sources.find((source) => source.type === "tempo");
    expect(tempoSource.jsonData.serviceMap?.datasourceUid).toBe("prometheus");
    const uids = new Set(sources.map((source) => source.uid));
    expect(linkedUids(tempoSource.jsonData, "jsonData").filter((link) => !uids.has(link.uid))).toEqual([]);

    const config = configMapFile(tempoObjects, "tempo", "tempo.yaml");
    expect(config.overrides.defaults.metrics_generator.processors).toEqual(expect.arrayContaining(["service-graphs", "span-metrics"]));
    const writeUrls = (config.metrics_generator.storage.remote_write as { url: string }[]).map((target) => new URL(target.url));
    expect(writeUrls).toHaveLength(1);
    const [url] = writeUrls;
    expect(url!.pathname).toBe("/api/v1/write");
    // The URL names a Service and port the stack really renders, backed by the Prometheus that accepts remote write.
    const [serviceName, serviceNamespace] = url!.hostname.split(".");
    const service = stackObjects.find(
      (object) => object.kind === "Service" && object.metadata.name === serviceName && namespaceOf(object, stack.spec.destination.namespace) === serviceNamespace,
    ) as any;
    expect(service, `Service ${url!.hostname}`).toBeDefined();
    expect(service.spec.ports.map((port: { port: number }) => port.port)).toContain(Number(url!.port));
    const prometheus = stackObjects.find((object) => object.kind === "Prometheus") as any;
    expect(prometheus.spec.enableRemoteWriteReceiver).toBe(true);
    const sourceUrl = new URL(sources.find((source) => source.uid === tempoSource.jsonData.serviceMap.datasourceUid).url);
    expect(sourceUrl.host).toBe(url!.host);
  }, 120_000);

  it("GIVEN the metrics-generator WHEN rendered THEN its WAL is on Tempo's persistent volume, not the /tmp emptyDir a restart empties", async () => {
    const objects = await renderApplication(generate(tempoGenerator).application);
    const config = configMapFile(objects, "tempo", "tempo.yaml");
    const statefulSet = objects.find((object) => object.kind === "StatefulSet") as any;
    const claims = new Set((statefulSet.spec.volumeClaimTemplates as { metadata: { name: string } }[]).map((claim) => claim.metadata.name));
    const persistentMounts = (statefulSet.spec.template.spec.containers[0].volumeMounts as { name: string; mountPath: string }[])
      .filter((mount) => claims.has(mount.name))
      .map((mount) => mount.mountPath);
    for (const path of [config.metrics_generator.storage.path, config.metrics_generator.traces_storage.path]) {
      expect(persistentMounts.some((mount) => path.startsWith(`${mount}/`)), path).toBe(true);
    }
  }, 120_000);
});
