/**
 * Writes `src/generated/platform-crds.json`: the CustomResourceDefinitions of every add-on
 * the platform pins, reduced to what validation needs (group, kind, and per version
 * served/deprecated and a structural schema without descriptions), so `slipway check`
 * knows them with no option and no network.
 *
 * Sources, recorded in the bundle's header:
 * - the Go modules of `ADDON_CRD_MODULES` (src/tools/go-module-crds.ts), at the pinned
 *   versions, through the Go module proxy (Karpenter, Argo CD, Argo Rollouts, Prometheus
 *   Operator, Secrets Store CSI driver);
 * - for add-ons no Go module serves (External Secrets v1+ tags are not Go module
 *   versions; cert-manager's CRDs are Helm templates; the AWS Load Balancer Controller's
 *   live in its chart), their packaged Helm charts, rendered with the pinned helm
 *   (`helm template --include-crds`). The folder holds `<chart>-<version>.tgz` files; the
 *   newest of each chart is used and its version recorded next to the pinned one.
 *
 * Usage: npx tsx scripts/generate-platform-crds.ts [--charts DIR]   (default ../shared/charts)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { compareVersions } from "../src/compare-versions.js";
import { PLATFORM_CRDS_FILE, type PlatformCrd, type PlatformCrdBundle, type PlatformCrdSource } from "../src/check/schema/platform-crds.js";
import { ADDON_CRD_MODULES, goModuleCrdDirectory } from "../src/tools/go-module-crds.js";
import { helmPath } from "../src/tools/kubectl.js";
import { CHARTS, type ChartName } from "../src/versions.js";

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "..", "..");

/** Add-ons whose CRDs come from their chart, and the values that make the chart render them. */
export const CHART_CRD_SOURCES: readonly { readonly addon: ChartName; readonly values: readonly string[] }[] = [
  { addon: "externalSecrets", values: ["installCRDs=true"] },
  { addon: "certManager", values: ["crds.enabled=true"] },
  { addon: "awsLoadBalancerController", values: ["clusterName=slipway"] },
];

/** Schema keywords validation (and, later, defaulting and CEL) reads; descriptions and examples are dropped. */
const KEPT_KEYWORDS = new Set([
  "type",
  "format",
  "properties",
  "additionalProperties",
  "items",
  "required",
  "enum",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "uniqueItems",
  "allOf",
  "oneOf",
  "anyOf",
  "not",
  "nullable",
  "default",
  "x-kubernetes-int-or-string",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-validations",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
]);
/** Keywords whose value is data, copied as is. */
const DATA_KEYWORDS = new Set(["enum", "default", "required", "x-kubernetes-validations", "x-kubernetes-list-map-keys"]);

export function stripSchema(schema: unknown, inProperties = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => stripSchema(item));
  if (schema === null || typeof schema !== "object") return schema;
  const source = schema as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) {
    // Inside `properties` every key is a field name, not a keyword.
    if (inProperties) result[key] = stripSchema(source[key]);
    else if (!KEPT_KEYWORDS.has(key)) continue;
    else if (DATA_KEYWORDS.has(key)) result[key] = source[key];
    else result[key] = stripSchema(source[key], key === "properties");
  }
  return result;
}

/** The part of a CRD document validation needs; undefined when it is not a CRD. */
export function reduceCrd(document: unknown): PlatformCrd | undefined {
  const crd = asRecord(document);
  const spec = asRecord(crd?.spec);
  const kind = asRecord(spec?.names)?.kind;
  if (crd?.kind !== "CustomResourceDefinition" || typeof spec?.group !== "string" || typeof kind !== "string" || !Array.isArray(spec.versions)) return undefined;
  const versions = spec.versions.flatMap((raw) => {
    const version = asRecord(raw);
    if (typeof version?.name !== "string") return [];
    const schema = asRecord(asRecord(version.schema)?.openAPIV3Schema);
    return [
      {
        name: version.name,
        served: version.served !== false,
        ...(version.deprecated === true ? { deprecated: true } : {}),
        ...(typeof version.deprecationWarning === "string" ? { deprecationWarning: version.deprecationWarning } : {}),
        ...(schema ? { schema: stripSchema(schema) as Record<string, unknown> } : {}),
      },
    ];
  });
  return { group: spec.group, kind, versions };
}

function yamlDocuments(text: string, origin: string): unknown[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw new Error(`${origin}: ${document.errors[0]?.message}`);
    return document.toJS();
  });
}

async function fromGoModules(): Promise<{ source: PlatformCrdSource; crds: PlatformCrd[] }[]> {
  const results = [];
  for (const [addon, module] of Object.entries(ADDON_CRD_MODULES).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const directory = await goModuleCrdDirectory(module);
    const crds = readdirSync(directory)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .flatMap((name) => yamlDocuments(readFileSync(join(directory, name), "utf8"), `${module.module}@${module.version}/${module.folder}/${name}`))
      .flatMap((document) => reduceCrd(document) ?? []);
    // ADDON_CRD_MODULES derives each version from CHARTS: the module is the pinned release.
    results.push({ source: { addon, origin: `Go module ${module.module}@${module.version} (${module.folder})`, version: module.version, pinned: module.version }, crds });
  }
  return results;
}

async function fromCharts(chartsDirectory: string): Promise<{ source: PlatformCrdSource; crds: PlatformCrd[] }[]> {
  const helm = await helmPath();
  const results = [];
  for (const { addon, values } of CHART_CRD_SOURCES) {
    const chart = CHARTS[addon].chart;
    const packages = readdirSync(chartsDirectory)
      .map((name) => ({ name, version: new RegExp(`^${chart}-(v?\\d+\\.\\d+\\.\\d+)\\.tgz$`).exec(name)?.[1] }))
      .filter((entry): entry is { name: string; version: string } => entry.version !== undefined)
      .sort((a, b) => compareVersions(a.version, b.version));
    const newest = packages.at(-1);
    if (newest === undefined) throw new Error(`no ${chart}-<version>.tgz in ${chartsDirectory}`);
    const rendered = execFileSync(helm, ["template", "slipway", join(chartsDirectory, newest.name), "--include-crds", "--namespace", "slipway", ...values.flatMap((value) => ["--set", value])], {
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
    });
    const crds = yamlDocuments(rendered, newest.name).flatMap((document) => reduceCrd(document) ?? []);
    if (crds.length === 0) throw new Error(`${newest.name} rendered no CustomResourceDefinition (values: ${values.join(" ")})`);
    results.push({ source: { addon, origin: `Helm chart ${newest.name} (helm template --include-crds${values.map((value) => ` --set ${value}`).join("")})`, version: newest.version, pinned: CHARTS[addon].version }, crds });
  }
  return results;
}

export async function generate(chartsDirectory: string): Promise<PlatformCrdBundle> {
  const parts = [...(await fromGoModules()), ...(await fromCharts(chartsDirectory))];
  const crds = new Map<string, PlatformCrd>();
  const origins = new Map<string, string>();
  for (const { source, crds: found } of parts) {
    for (const crd of found) {
      const key = `${crd.group}/${crd.kind}`;
      if (crds.has(key)) throw new Error(`${key} comes from both ${origins.get(key)} and ${source.origin}`);
      crds.set(key, crd);
      origins.set(key, source.origin);
    }
  }
  return {
    generatedBy: "npx tsx scripts/generate-platform-crds.ts --charts DIR (do not edit by hand)",
    sources: parts.map(({ source, crds: found }) => ({ ...source, crds: found.length })),
    crds: [...crds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, crd]) => crd),
  };
}

/** One CRD per line: compact, yet reviewable in a diff. */
export function serializeBundle(bundle: PlatformCrdBundle): string {
  return [
    "{",
    `"generatedBy":${JSON.stringify(bundle.generatedBy)},`,
    `"sources":[\n${bundle.sources.map((source) => JSON.stringify(source)).join(",\n")}\n],`,
    `"crds":[\n${bundle.crds.map((crd) => JSON.stringify(crd)).join(",\n")}\n]`,
    "}",
    "",
  ].join("\n");
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export const OUTPUT_FILE = fileURLToPath(PLATFORM_CRDS_FILE);

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--charts");
  const chartsDirectory = resolve(flag !== -1 ? (process.argv[flag + 1] ?? "") : join(REPO_ROOT, "..", "shared", "charts"));
  if (!existsSync(chartsDirectory)) throw new Error(`--charts ${chartsDirectory} does not exist: pass the folder of packaged add-on charts`);
  const bundle = await generate(chartsDirectory);
  writeFileSync(OUTPUT_FILE, serializeBundle(bundle));
  for (const source of bundle.sources) process.stdout.write(`${source.addon}: ${source.crds} CRDs from ${source.origin}${source.version === source.pinned ? "" : ` (pinned: ${source.pinned})`}\n`);
  process.stdout.write(`${OUTPUT_FILE}: ${bundle.crds.length} CRDs\n`);
}
