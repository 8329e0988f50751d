/**
 * The sources of an Argo CD Application (`spec.source` or `spec.sources[]`) and the Helm
 * values they carry inline: `helm.values` (a YAML string) and `helm.valuesObject`
 * (which Argo CD merges over `values`).
 */
import { createRequire } from "node:module";
import { KUBERNETES_YAML_OPTIONS } from "../../../manifest/kubernetes-yaml.js";
import type { SourceObject } from "../../finding.js";
import { asRecord, asRecords, asString, type JsonRecord } from "./json.js";

/**
 * The `yaml` package is loaded on first need, as the loader does (parse-source.ts): only
 * Applications with a `helm.values` string need it, and its module graph costs more
 * start-up time than most checks spend in the rules.
 */
const require = createRequire(import.meta.url);
let yamlModule: typeof import("yaml") | undefined;
function yamlPackage(): typeof import("yaml") {
  yamlModule ??= require("yaml") as typeof import("yaml");
  return yamlModule;
}

export function isApplication(object: SourceObject): boolean {
  return object.kind === "Application" && object.apiVersion.startsWith("argoproj.io/");
}

export function applicationSources(application: SourceObject): JsonRecord[] {
  const spec = asRecord(application.document.spec);
  const single = asRecord(spec?.source);
  return [...(single ? [single] : []), ...asRecords(spec?.sources)];
}

/**
 * The `helm.values` string parsed as Helm reads it (sigs.k8s.io/yaml: YAML 1.1, so
 * `enabled: yes` is true), or undefined when absent or not YAML (schema rules report that).
 */
export function parsedValuesString(source: JsonRecord): unknown {
  const text = asString(asRecord(source.helm)?.values);
  if (text === undefined) return undefined;
  try {
    return yamlPackage().parse(text, KUBERNETES_YAML_OPTIONS);
  } catch {
    return undefined;
  }
}

export function valuesObject(source: JsonRecord): JsonRecord | undefined {
  return asRecord(asRecord(source.helm)?.valuesObject);
}

function deepMerge(base: unknown, override: unknown): unknown {
  const left = asRecord(base);
  const right = asRecord(override);
  if (!left || !right) return override === undefined ? base : override;
  const merged: JsonRecord = { ...left };
  for (const [key, value] of Object.entries(right)) merged[key] = deepMerge(left[key], value);
  return merged;
}

/** The inline values Helm would see, `valuesObject` over `values`. */
export function mergedHelmValues(source: JsonRecord): JsonRecord {
  return asRecord(deepMerge(parsedValuesString(source) ?? {}, valuesObject(source) ?? {})) ?? {};
}
