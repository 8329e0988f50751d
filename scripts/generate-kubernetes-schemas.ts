/**
 * Writes `src/generated/kubernetes-schemas/v<minor>.json`: the OpenAPI v3 schemas of every
 * built-in Kubernetes kind for each minor version in `KUBERNETES.schemaRelease`, taken from
 * the `k8s.io/kubernetes` Go module (`api/openapi-spec/v3`) fetched with
 * `go mod download -json` through the Go module proxy.
 *
 * The bundle is compact and deterministic: every `components.schemas` entry once (the same
 * definition appears in several group files and must be identical), descriptions and
 * fields validation does not use stripped, keys sorted, plus an index
 * `apiVersion/kind → definition` read from `x-kubernetes-group-version-kind`.
 *
 * Usage: npx tsx scripts/generate-kubernetes-schemas.ts [--kubeconform-out DIR]
 *   --kubeconform-out DIR  also write the bundles' schemas in kubeconform's on-disk layout
 *                          (`-schema-location DIR -strict -kubernetes-version <release>`)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KUBERNETES } from "../src/versions.js";
import { writeKubeconformSchemas } from "../src/check/schema/kubeconform-layout.js";
import { bundleFileName, type KubernetesSchemaBundle, type OpenApiSchema } from "../src/check/schema/kubernetes-schema-bundle.js";

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");
const OUT_DIR = join(REPO_ROOT, "src", "generated", "kubernetes-schemas");

/** Keywords validation needs; everything else (descriptions, defaults, patch strategies) is dropped. */
const KEPT_KEYWORDS = new Set([
  "type",
  "format",
  "properties",
  "additionalProperties",
  "items",
  "required",
  "enum",
  "$ref",
  "allOf",
  "oneOf",
  "anyOf",
  "nullable",
  "pattern",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "x-kubernetes-int-or-string",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
]);

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

function moduleDirectory(release: string): string {
  const output = execFileSync("go", ["mod", "download", "-json", `k8s.io/kubernetes@${release}`], { encoding: "utf8", cwd: REPO_ROOT });
  const info = JSON.parse(output) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download k8s.io/kubernetes@${release} failed: ${info.Error ?? output}`);
  return info.Dir;
}

function strip(schema: unknown, inProperties = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => strip(item));
  if (schema === null || typeof schema !== "object") return schema;
  const source = schema as Record<string, unknown>;
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(source).sort()) {
    // Inside `properties` every key is a field name, not a keyword.
    if (!inProperties && !KEPT_KEYWORDS.has(key)) continue;
    const value = source[key];
    if (key === "$ref" && typeof value === "string") entries.push([key, value.replace("#/components/schemas/", "#/definitions/")]);
    else entries.push([key, strip(value, key === "properties" && !inProperties)]);
  }
  const result = Object.fromEntries(entries) as Record<string, unknown>;
  // `allOf: [{$ref}]` is how OpenAPI v3 attaches a description to a reference: keep the reference.
  if (!inProperties && Array.isArray(result.allOf) && result.allOf.length === 1) {
    const [only] = result.allOf as Record<string, unknown>[];
    delete result.allOf;
    return sortKeys({ ...result, ...only });
  }
  return result;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, value[key]]));
}

function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
}

export function generate(minor: string, release: string): KubernetesSchemaBundle {
  const specDir = join(moduleDirectory(release), "api", "openapi-spec", "v3");
  const definitions = new Map<string, OpenApiSchema>();
  const index = new Map<string, string>();
  for (const file of readdirSync(specDir).filter((name) => name.endsWith(".json")).sort()) {
    const document = JSON.parse(readFileSync(join(specDir, file), "utf8")) as { components?: { schemas?: Record<string, Record<string, unknown>> } };
    for (const [name, raw] of Object.entries(document.components?.schemas ?? {})) {
      const schema = strip(raw) as OpenApiSchema;
      const previous = definitions.get(name);
      if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(schema)) throw new Error(`${name} differs between group files (${file})`);
      definitions.set(name, schema);
      for (const gvk of (raw["x-kubernetes-group-version-kind"] as GroupVersionKind[] | undefined) ?? []) {
        // Meta types (DeleteOptions, WatchEvent, Status) carry every group's GVK but are never applied.
        if (name.startsWith("io.k8s.apimachinery.pkg.apis.meta.v1.")) continue;
        const key = `${apiVersionOf(gvk)}/${gvk.kind}`;
        const current = index.get(key);
        if (current === undefined || (name.endsWith(`.${gvk.kind}`) && !current.endsWith(`.${gvk.kind}`))) index.set(key, name);
      }
    }
  }
  const sortedDefinitions = Object.fromEntries([...definitions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  const sortedIndex = Object.fromEntries([...index.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    generatedBy: "npx tsx scripts/generate-kubernetes-schemas.ts (do not edit by hand)",
    kubernetesVersion: minor,
    release,
    index: sortedIndex,
    definitions: sortedDefinitions,
  };
}

/** One index entry and one definition per line: compact, yet reviewable in a diff. */
export function serializeBundle(bundle: KubernetesSchemaBundle): string {
  const block = (record: Record<string, unknown>) =>
    "{\n" + Object.entries(record).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(",\n") + "\n}";
  return [
    "{",
    `"generatedBy":${JSON.stringify(bundle.generatedBy)},`,
    `"kubernetesVersion":${JSON.stringify(bundle.kubernetesVersion)},`,
    `"release":${JSON.stringify(bundle.release)},`,
    `"index":${block(bundle.index)},`,
    `"definitions":${block(bundle.definitions)}`,
    "}",
    "",
  ].join("\n");
}

export const OUTPUT_DIRECTORY = OUT_DIR;

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [minor, release] of Object.entries(KUBERNETES.schemaRelease).sort()) {
    const bundle = generate(minor, release);
    const path = join(OUT_DIR, bundleFileName(minor));
    writeFileSync(path, serializeBundle(bundle));
    process.stdout.write(`${path}: ${Object.keys(bundle.index).length} kinds, ${Object.keys(bundle.definitions).length} definitions\n`);
  }

  const kubeconformOut = process.argv.indexOf("--kubeconform-out");
  if (kubeconformOut !== -1) {
    const directory = resolve(process.argv[kubeconformOut + 1] ?? "kubeconform-schemas");
    for (const minor of Object.keys(KUBERNETES.schemaRelease).sort()) {
      const layout = writeKubeconformSchemas(directory, minor);
      process.stdout.write(`${directory}: ${layout.files} kubeconform schemas for -kubernetes-version ${layout.kubernetesVersion}\n`);
    }
  }
}
