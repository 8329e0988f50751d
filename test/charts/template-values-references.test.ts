import { describe, expect, it } from "vitest";
import { templateValuesReferences } from "../../src/charts/template-values-references.js";

describe("templateValuesReferences", () => {
  it.each([
    ["{{ .Values.image.tag }}", [["image", "tag"]], []],
    ["{{ $.Values.global.imageRegistry }}", [["global", "imageRegistry"]], []],
    ['{{ dig "storage" "bucketNames" "chunks" "" .Values.loki }}', [["loki"], ["loki", "storage", "bucketNames", "chunks"]], []],
    ['{{ dig "a" "b" false .Values.x }}', [["x"], ["x", "a", "b"]], []],
    ['{{ index .Values.images "main" "tag" }}', [["images"], ["images", "main", "tag"]], []],
    ["{{- toYaml .Values.resources | nindent 12 }}", [["resources"]], [["resources"]]],
    ["{{ .Values.podLabels | toYaml }}", [["podLabels"]], [["podLabels"]]],
    ["{{- with .Values.loki.limits_config }}\nlimits_config:\n  {{- tpl (. | toYaml) $ | nindent 4 }}\n{{- end }}", [["loki", "limits_config"]], [["loki", "limits_config"]]],
    ["{{- with .Values.affinity }}\naffinity:\n  {{- toYaml . | nindent 8 }}\n{{- end }}", [["affinity"]], [["affinity"]]],
    ["{{- with .Values.service }}\nport: {{ .port }}\n{{- end }}", [["service"]], []],
    // Grafana's chart writes every section and setting of grafana.ini into the ini file.
    ['{{- range $elem, $elemVal := index .Values "grafana.ini" }}', [["grafana.ini"]], [["grafana.ini"]]],
    ["{{- range $name, $config := .Values.a.b }}", [["a", "b"]], [["a", "b"]]],
    ["{{ range .Values.extraEnv }}", [["extraEnv"]], [["extraEnv"]]],
    ['{{ range $i := (index .Values.x "y" "z") }}', [["x"], ["x", "y", "z"]], [["x", "y", "z"]]],
    ["plain text without values", [], []],
  ])("GIVEN %j WHEN scanned THEN it reads %j and renders %j whole", (source, read, whole) => {
    const references = templateValuesReferences(source);
    expect(references.read).toEqual(read);
    expect(references.whole).toEqual(whole);
  });
});
