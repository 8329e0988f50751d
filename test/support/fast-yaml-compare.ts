/**
 * The differential check of the fast YAML parser: on a document it accepts, it must give
 * exactly what the `yaml` package gives with Kubernetes' YAML 1.1 options (or both must
 * reject it); on the rest it must fall back. Shared by fast-yaml.test.ts and
 * fast-yaml-corpus.test.ts.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { expect } from "vitest";
import { DuplicateKeyError, FALLBACK, parseFastYaml } from "../../src/check/load/fast-yaml.js";
import { KUBERNETES_YAML_OPTIONS } from "../../src/manifest/kubernetes-yaml.js";

export function parseWithYaml(text: string): { value?: unknown; error?: boolean } {
  try {
    return { value: parse(text, KUBERNETES_YAML_OPTIONS) };
  } catch {
    return { error: true };
  }
}

/** Compares both parsers on `text`: "fast" when the fast parser answered (and agreed), "fallback" when it deferred. */
export function compare(text: string): "fast" | "fallback" {
  let fast: unknown;
  try {
    fast = parseFastYaml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(parseWithYaml(text).error, `yaml accepts what the fast parser rejects:\n${text}`).toBe(true);
    return "fast";
  }
  if (fast === FALLBACK) return "fallback";
  const reference = parseWithYaml(text);
  expect(reference.error, `yaml rejects what the fast parser accepts:\n${text}`).toBeUndefined();
  expect(fast, text).toStrictEqual(reference.value);
  return "fast";
}

/** Every .yaml/.yml file below `folder`, sorted. */
export function yamlFilesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.ya?ml$/.test(path))
    .sort()
    .map((path) => join(folder, path));
}
