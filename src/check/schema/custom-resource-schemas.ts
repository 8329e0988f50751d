/**
 * Schemas of custom resources, read from CustomResourceDefinitions (from `--crds`
 * folders and from the input itself): one entry per `group/version/kind`, with the
 * version's openAPIV3Schema, converted under structural-schema semantics on demand.
 *
 * Converting is not free (0.6 s for the CRDs of kube-prometheus-stack and Argo CD), and a
 * run usually needs none of it: compiled validators are cached on disk under `schemaHash`,
 * a hash of the source schema, the converter's version and the Kubernetes release whose
 * ObjectMeta is embedded. So the conversion (`customResourceJsonSchema`) runs only when
 * a validator is missing from that cache.
 *
 * The CRD schema's root `metadata` is only `type: object` (the API server validates
 * ObjectMeta itself), so it is replaced by the built-in ObjectMeta definition.
 */
import { createHash } from "node:crypto";
import { KUBERNETES } from "../../versions.js";
import { kubernetesSchemaBundle, type OpenApiSchema } from "./kubernetes-schema-bundle.js";
import { CONVERTER_VERSION, definitionsToJsonSchema, reachableDefinitions, toJsonSchema, type JsonSchema } from "./to-json-schema.js";
import { asRecord } from "../rules/support/json.js";

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

export interface CustomResourceVersion {
  /** `group/version/kind`, e.g. `karpenter.sh/v1/NodePool`. */
  readonly key: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly served: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  /** The version's openAPIV3Schema as the CRD publishes it; undefined when it publishes none. */
  readonly sourceSchema?: OpenApiSchema;
  /**
   * The same source schema, set only when it carries `x-kubernetes-validations` CEL rules
   * (cel-validations.ts evaluates them).
   */
  readonly validationSchema?: OpenApiSchema;
  /** Kubernetes minor version whose ObjectMeta the converted schema embeds. */
  readonly kubernetesVersion: string;
  /**
   * Hash of the source schema, CONVERTER_VERSION and the Kubernetes release: the key of
   * the compiled validator in every cache, so a cached one is used without converting.
   */
  readonly schemaHash: string;
  /** Where the CRD came from (file), for messages. */
  readonly source: string;
}

export interface CustomResourceDefinitionSource {
  readonly document: Record<string, unknown>;
  readonly file: string;
}

export { isCustomResourceDefinition } from "./is-crd.js";

/**
 * Every version of every CRD, keyed by `group/version/kind`. Later sources win, so CRDs
 * in the input override those from `--crds` folders.
 */
export function customResourceVersions(sources: readonly CustomResourceDefinitionSource[], kubernetesVersion: string): Map<string, CustomResourceVersion> {
  const result = new Map<string, CustomResourceVersion>();
  const release = KUBERNETES.schemaRelease[kubernetesVersion] ?? kubernetesVersion;
  for (const { document, file } of sources) {
    const spec = asRecord(document.spec);
    const group = typeof spec?.group === "string" ? spec.group : undefined;
    const kind = typeof asRecord(spec?.names)?.kind === "string" ? (asRecord(spec?.names)?.kind as string) : undefined;
    if (!spec || !group || !kind) continue;
    for (const entry of versionEntries(spec)) {
      const key = `${group}/${entry.name}/${kind}`;
      const version = {
        key,
        group,
        version: entry.name,
        kind,
        served: entry.served,
        deprecated: entry.deprecated,
        ...(entry.deprecationWarning ? { deprecationWarning: entry.deprecationWarning } : {}),
        ...(entry.schema ? { sourceSchema: entry.schema } : {}),
        kubernetesVersion,
        source: file,
      } as CustomResourceVersion;
      // A corpus defines hundreds of CRD versions and uses a few: hashing and scanning a
      // schema (0.5 s for kube-prometheus-stack's) waits until a version is used.
      const schema = entry.schema;
      lazyProperty(version, "schemaHash", () => createHash("sha256").update(`${CONVERTER_VERSION}/${release}/`).update(JSON.stringify(schema ?? null)).digest("hex").slice(0, 32));
      lazyProperty(version, "validationSchema", () => (schema && hasValidationRules(schema) ? schema : undefined));
      result.set(key, version);
    }
  }
  return result;
}

/**
 * The versions as a worker thread needs them to validate `objects`: the source schemas
 * only of the versions those objects use (each is copied to every worker), no CEL rules
 * (evaluated on the main thread).
 */
export function versionsForValidation(
  customResources: ReadonlyMap<string, CustomResourceVersion>,
  objects: readonly { readonly apiVersion: string; readonly kind: string }[],
): [string, CustomResourceVersion][] {
  const used = new Set(objects.map((object) => `${object.apiVersion}/${object.kind}`));
  return [...customResources.entries()].map(([key, version]) => {
    const { group, kind, served, deprecated, deprecationWarning, kubernetesVersion, source } = version;
    const copy = { key, group, version: version.version, kind, served, deprecated, ...(deprecationWarning !== undefined ? { deprecationWarning } : {}), kubernetesVersion, source };
    // A version no object uses is only named in messages: its schema is neither copied nor hashed.
    return [key, used.has(key) ? { ...copy, ...(version.sourceSchema ? { sourceSchema: version.sourceSchema } : {}), schemaHash: version.schemaHash } : { ...copy, schemaHash: "" }];
  });
}

/** Used versions of the input's custom resources: `apiVersion/kind` of the objects, when a CRD defines it. */
export function usedVersions(customResources: ReadonlyMap<string, CustomResourceVersion>, objects: readonly { readonly apiVersion: string; readonly kind: string }[]): CustomResourceVersion[] {
  const used = new Map<string, CustomResourceVersion>();
  for (const object of objects) {
    const key = `${object.apiVersion}/${object.kind}`;
    const version = used.has(key) ? undefined : customResources.get(key);
    if (version !== undefined) used.set(key, version);
  }
  return [...used.values()];
}

/** Defines `name` as computed on first read, then kept (enumerable, so copies carry it). */
function lazyProperty<T extends object>(target: T, name: string, compute: () => unknown): void {
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, name, { value, enumerable: true, configurable: true, writable: false });
      return value;
    },
  });
}

interface VersionEntry {
  readonly name: string;
  readonly served: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  readonly schema?: OpenApiSchema;
}

function versionEntries(spec: Record<string, unknown>): VersionEntry[] {
  // apiextensions.k8s.io/v1beta1 CRDs could share one schema between versions.
  const sharedSchema = asRecord(asRecord(spec.validation)?.openAPIV3Schema);
  const versions = Array.isArray(spec.versions) ? spec.versions : typeof spec.version === "string" ? [{ name: spec.version, served: true }] : [];
  const entries: VersionEntry[] = [];
  for (const raw of versions) {
    const version = asRecord(raw);
    if (!version || typeof version.name !== "string") continue;
    const schema = asRecord(asRecord(version.schema)?.openAPIV3Schema) ?? sharedSchema;
    entries.push({
      name: version.name,
      served: version.served !== false,
      deprecated: version.deprecated === true,
      ...(typeof version.deprecationWarning === "string" ? { deprecationWarning: version.deprecationWarning } : {}),
      ...(schema ? { schema } : {}),
    });
  }
  return entries;
}

const converted = new Map<string, JsonSchema>();

/**
 * The self-contained JSON Schema of a CRD version (undefined when it publishes none),
 * converted once per run and only when asked: validators are found by `schemaHash` first.
 */
export function customResourceJsonSchema(version: CustomResourceVersion): JsonSchema | undefined {
  if (version.sourceSchema === undefined) return undefined;
  let schema = converted.get(version.schemaHash);
  if (schema === undefined) {
    schema = rootSchema(version.sourceSchema, objectMetaDefinitions(version.kubernetesVersion), version.kubernetesVersion);
    converted.set(version.schemaHash, schema);
  }
  return schema;
}

function rootSchema(openApi: OpenApiSchema, metaDefinitions: Record<string, JsonSchema>, kubernetesVersion: string): JsonSchema {
  const converted = toJsonSchema(openApi, { emptyObject: "closed", kubernetesVersion });
  const properties = { ...(converted.properties as Record<string, JsonSchema> | undefined) };
  properties.apiVersion = { type: "string" };
  properties.kind = { type: "string" };
  properties.metadata = { $ref: `#/definitions/${OBJECT_META}` };
  return { ...converted, properties, definitions: metaDefinitions };
}

const objectMetaByVersion = new Map<string, Record<string, JsonSchema>>();

function objectMetaDefinitions(kubernetesVersion: string): Record<string, JsonSchema> {
  const cached = objectMetaByVersion.get(kubernetesVersion);
  if (cached !== undefined) return cached;
  const bundle = kubernetesSchemaBundle(kubernetesVersion);
  const reachable = reachableDefinitions(OBJECT_META, bundle.definitions as Record<string, JsonSchema>);
  const subset = Object.fromEntries(reachable.map((name) => [name, bundle.definitions[name] as OpenApiSchema]));
  const definitions = definitionsToJsonSchema(subset);
  objectMetaByVersion.set(kubernetesVersion, definitions);
  return definitions;
}

/** Does a schema carry any `x-kubernetes-validations` rule? Defaults and enums are data, not schemas; names under `properties` are field names. */
export function hasValidationRules(schema: unknown, inProperties = false): boolean {
  if (Array.isArray(schema)) return schema.some((item) => hasValidationRules(item));
  if (schema === null || typeof schema !== "object") return false;
  return Object.entries(schema).some(([key, value]) => {
    if (inProperties) return hasValidationRules(value);
    if (key === "x-kubernetes-validations") return Array.isArray(value) && value.length > 0;
    return key !== "default" && key !== "enum" && hasValidationRules(value, key === "properties");
  });
}
