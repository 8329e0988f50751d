import { describe, expect, it } from "vitest";
import { isFreeFormKey, knownValueKeys, type KnownKeys } from "../../src/charts/known-value-keys.js";
import type { PackagedChart } from "../../src/charts/packaged-chart.js";

function chart(values: Record<string, unknown>, templates: Record<string, string> = {}, subcharts: Record<string, PackagedChart> = {}, valuesSource?: string): PackagedChart {
  return { name: "c", version: "1", values, ...(valuesSource ? { valuesSource } : {}), templates: new Map(Object.entries(templates)), crdFiles: new Map(), subcharts: new Map(Object.entries(subcharts)) };
}

/** The tree as plain data: `*` marks a free-form node. */
function shape(node: KnownKeys): unknown {
  if (node.freeForm) return "*";
  return Object.fromEntries([...node.children].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, child]) => [key, shape(child)]));
}

describe("knownValueKeys", () => {
  it("GIVEN defaults, template reads, a values.yaml tpl string, a subchart and globals WHEN built THEN the tree merges them all", () => {
    const sub = chart({ persistence: { enabled: false }, global: { storageClass: "" } }, { "templates/x.yaml": "{{ .Values.global.imageRegistry }}" });
    const known = knownValueKeys(
      chart(
        { image: { tag: "1" }, podAnnotations: {}, config: "", sub: { enabled: true } },
        { "templates/deployment.yaml": "{{ .Values.image.digest }} {{ toYaml .Values.image.extra }}" },
        { sub },
        'config: |\n  {{ .Values.server.port }}\n',
      ),
    );
    expect(shape(known)).toEqual({
      config: "*",
      global: { imageRegistry: "*", storageClass: "*" },
      image: { digest: "*", extra: "*", tag: "*" },
      podAnnotations: "*",
      server: { port: "*" },
      sub: { enabled: "*", global: { imageRegistry: "*", storageClass: "*" }, persistence: { enabled: "*" } },
    });
  });

  it.each([
    ["podAnnotations", true],
    ["commonLabels", true],
    ["nodeSelector", true],
    ["podAntiAffinity", true],
    ["tolerations", true],
    ["resources", true],
    ["containerSecurityContext", true],
    ["env", true],
    ["extraArgs", true],
    ["replicaCount", false],
    ["serviceMonitor", false],
    ["resourcesPreset", false],
  ])("GIVEN the key %s THEN free-form by name is %s", (key, expected) => {
    expect(isFreeFormKey(key)).toBe(expected);
  });
});
