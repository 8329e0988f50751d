/**
 * Canonical YAML for Kubernetes objects: `apiVersion`, `kind`, `metadata` first, every
 * other key sorted, no anchors, no line folding. The same object always gives the same
 * bytes, which is what makes synth output byte-identical and golden files reviewable.
 * Strings are written so that Kubernetes (YAML 1.1) reads them back as strings: a label
 * "yes" is `"yes"`, not `yes`, which kubectl would reject as a boolean.
 */
import { stringify } from "yaml";
import { KUBERNETES_YAML_SCHEMA } from "./kubernetes-yaml.js";

const LEADING_KEYS = ["apiVersion", "kind", "metadata"];

/** Returns a deep copy with keys ordered canonically; undefined values are dropped. */
export function canonicalize(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map((item) => canonicalize(item, depth + 1));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => {
    if (depth === 0) {
      const rankA = LEADING_KEYS.indexOf(a);
      const rankB = LEADING_KEYS.indexOf(b);
      if (rankA !== -1 || rankB !== -1) return (rankA === -1 ? LEADING_KEYS.length : rankA) - (rankB === -1 ? LEADING_KEYS.length : rankB);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.fromEntries(entries.map(([key, item]) => [key, canonicalize(item, depth + 1)]));
}

/** One YAML document, canonical. */
export function toYaml(value: unknown, options: { canonical?: boolean } = {}): string {
  const body = options.canonical === false ? value : canonicalize(value);
  // Kubernetes' YAML 1.1 schema: a string it would read as a boolean or number is quoted.
  return stringify(body, { ...KUBERNETES_YAML_SCHEMA, lineWidth: 0, aliasDuplicateObjects: false, indentSeq: true });
}

/** A multi-document YAML stream, documents separated by `---`. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map((value) => toYaml(value)).join("---\n");
}
