import { describe, expect, it } from "vitest";
import { knownValueKeys } from "../../src/charts/known-value-keys.js";
import type { PackagedChart } from "../../src/charts/packaged-chart.js";
import { unknownValueKeys } from "../../src/charts/unknown-value-keys.js";

/** A chart made of defaults and templates, as the packaged-chart loader returns it. */
function chart(values: Record<string, unknown>, templates: Record<string, string> = {}, subcharts: Record<string, PackagedChart> = {}): PackagedChart {
  return { name: "demo", version: "1.0.0", values, templates: new Map(Object.entries(templates)), crdFiles: new Map(), subcharts: new Map(Object.entries(subcharts)) };
}

const DEFAULTS = {
  replicaCount: 1,
  podAnnotations: {},
  resources: { limits: { cpu: "100m" } },
  nodeSelector: { "kubernetes.io/os": "linux" },
  serviceMonitor: { enabled: false, interval: "30s" },
  config: null,
  tolerations: [],
  global: { imageRegistry: "" },
};

describe("unknownValueKeys", () => {
  it.each([
    ["a known top-level key", { replicaCount: 2 }, []],
    ["a misspelt top-level key", { replicaCont: 2 }, [{ path: "replicaCont", nearest: "replicaCount" }]],
    ["a misspelt nested key", { serviceMonitor: { intreval: "1m" } }, [{ path: "serviceMonitor.intreval", nearest: "serviceMonitor.interval" }]],
    ["an unrelated key", { zzzzzzzzzz: true }, [{ path: "zzzzzzzzzz", existing: ["config", "global", "nodeSelector", "podAnnotations", "replicaCount", "resources", "serviceMonitor", "tolerations"] }]],
    ["keys in an empty-map default (free-form)", { podAnnotations: { "prometheus.io/scrape": "true" } }, []],
    ["keys under a null default (free-form)", { config: { anything: { deep: 1 } } }, []],
    ["resources beyond the default's example (documented free-form)", { resources: { requests: { memory: "1Gi" } } }, []],
    ["a label map with a different key than the example", { nodeSelector: { role: "system" } }, []],
    ["list items (not looked into)", { tolerations: [{ whatever: 1 }] }, []],
    ["a known global", { global: { imageRegistry: "r" } }, []],
    ["an unknown global", { global: { imageRegistryy: "r" } }, [{ path: "global.imageRegistryy", nearest: "global.imageRegistry" }]],
    ["a key with dots that does not exist", { "a.b": 1 }, [{ path: '"a.b"', existing: ["config", "global", "nodeSelector", "podAnnotations", "replicaCount", "resources", "serviceMonitor", "tolerations"] }]],
  ])("GIVEN %s WHEN checking THEN the unknown keys are %j", (_case, values, expected) => {
    expect(unknownValueKeys(values, knownValueKeys(chart(DEFAULTS)))).toEqual(expected);
  });

  it("GIVEN keys only templates read WHEN checking THEN .Values, dig and index references count as known, and toYaml'd paths are free-form", () => {
    const templates = {
      "templates/deployment.yaml": [
        "{{- if .Values.extra.enabled }}",
        '{{ dig "storage" "bucketNames" "chunks" "" .Values.loki }}',
        '{{ index .Values.images "main" }}',
        "{{- toYaml .Values.serviceMonitor.relabelings | nindent 4 }}",
        "{{- with .Values.limits }}\nlimits:\n  {{- tpl (. | toYaml) $ | nindent 4 }}\n{{- end }}",
      ].join("\n"),
    };
    const known = knownValueKeys(chart({ ...DEFAULTS, limits: { a: 1 }, loki: { storage: { type: "s3" } } }, templates));
    expect(
      unknownValueKeys(
        {
          extra: { enabled: true },
          loki: { storage: { bucketNames: { chunks: "c" }, type: "s3" } },
          images: { main: "x" },
          serviceMonitor: { relabelings: { anything: 1 } },
          limits: { retention_period: "7d" },
        },
        known,
      ),
    ).toEqual([]);
    expect(unknownValueKeys({ loki: { storage: { bucketNamez: {} } } }, known)).toEqual([{ path: "loki.storage.bucketNamez", nearest: "loki.storage.bucketNames" }]);
  });

  it("GIVEN a subchart WHEN checking THEN its keys are known under its key, misspellings are not, and its globals are known at the top", () => {
    const grafana = chart({ adminUser: "admin", persistence: { enabled: false }, global: { imagePullSecrets: [] } });
    const known = knownValueKeys(chart({ grafana: { enabled: true } }, {}, { grafana }));
    expect(unknownValueKeys({ grafana: { enabled: true, persistence: { enabled: true } }, global: { imagePullSecrets: [] } }, known)).toEqual([]);
    expect(unknownValueKeys({ grafana: { persistance: { enabled: true } } }, known)).toEqual([{ path: "grafana.persistance", nearest: "grafana.persistence" }]);
  });
});
