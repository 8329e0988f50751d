/**
 * Installs the CustomResourceDefinitions the platform needs, read unmodified from the
 * folders given with `--crds` (upstream CRDs of the add-ons), and waits until the API
 * server serves them (condition Established), so the objects that use them can follow.
 *
 * Only the CRDs of kinds the platform uses are installed (plus those the local Argo
 * Rollouts controller and the local Karpenter watch): each CRD makes the API server rebuild its OpenAPI
 * document, and the add-ons' folders hold many large ones nothing here uses. A CRD whose
 * content has not changed since the last `up` (a hash annotation) is not sent again:
 * server-side apply of a megabyte schema costs seconds even when it changes nothing.
 *
 * The schemas go in without their `description` texts (withoutSchemaDescriptions): they
 * are half the bytes of these CRDs (2.6 MB → 1.3 MB for the reference platform's 21; the
 * Prometheus Operator's, cert-manager's and External Secrets' most of all), and the API
 * server encodes, converts and copies a CRD's whole body on each of its status updates
 * and builds its OpenAPI documents from it. Descriptions only feed `kubectl explain`;
 * validation, defaulting, pruning and CEL rules read none of them, so the cluster admits
 * and rejects exactly what it would with the upstream text (controller-gen's
 * `crd:maxDescLen=0` makes the same cut).
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseAllDocuments } from "yaml";
import { DuplicateKeyError, FALLBACK, parseFastYaml } from "../check/load/fast-yaml.js";
import { KUBERNETES_YAML_OPTIONS } from "../manifest/kubernetes-yaml.js";
import { SlipwayError } from "../errors.js";
import { isPlainObject } from "../manifest/plain-object.js";
import type { KubeObject } from "../manifest/kube-object.js";
import type { ApiClient } from "./api-client.js";
import type { PlannedObject } from "./apply-plan.js";
import { ApiServerUnreachable, applyObjects, type ApplyResult } from "./server-side-apply.js";

const CRD_KIND = { resource: "customresourcedefinitions", namespaced: false } as const;
export const CONTENT_HASH_ANNOTATION = "slipway.io/content-sha256";

/** Kinds the Argo Rollouts controller watches: it does not start without all of them. */
const ROLLOUTS_CONTROLLER_KINDS = ["Rollout", "AnalysisRun", "AnalysisTemplate", "ClusterAnalysisTemplate", "Experiment"].map((kind) => `argoproj.io/${kind}`);

/**
 * Kinds the local Karpenter needs besides the NodePools the platform applies: it creates
 * NodeClaims. (NodeOverlay and CapacityBuffer are watched only behind feature gates that
 * are off by default.)
 */
const KARPENTER_KINDS = ["karpenter.sh/NodeClaim"];

/** The CRDs serving a `group/Kind` in `usedKinds` (from `apiVersion` and `kind` of the platform's objects). */
export function neededCrds(crds: readonly PlannedObject[], usedKinds: ReadonlySet<string>): PlannedObject[] {
  const needed = neededKinds(usedKinds);
  return crds.filter(({ object }) => {
    const spec = object.spec as { group?: string; names?: { kind?: string } } | undefined;
    return needed.has(`${spec?.group}/${spec?.names?.kind}`);
  });
}

function neededKinds(usedKinds: ReadonlySet<string>): Set<string> {
  const needed = new Set(usedKinds);
  if (needed.has("argoproj.io/Rollout")) for (const kind of ROLLOUTS_CONTROLLER_KINDS) needed.add(kind);
  if (needed.has("karpenter.sh/NodePool")) for (const kind of KARPENTER_KINDS) needed.add(kind);
  return needed;
}

/** `group/Kind` of an object, the key `neededCrds` matches on. */
export function groupKind(object: KubeObject): string {
  const slash = object.apiVersion.lastIndexOf("/");
  return `${slash < 0 ? "" : object.apiVersion.slice(0, slash)}/${object.kind}`;
}

export interface CrdSelection {
  /** The CRDs to install, sorted by name. */
  readonly needed: readonly PlannedObject[];
  /** How many distinct CRDs (group and kind) the folders hold. */
  readonly available: number;
}

/**
 * The CRDs under the folders (recursively) that serve a kind in `usedKinds`; other
 * documents are ignored. A document's group and kind are read from its text first, so
 * the large CRDs nothing uses are never parsed (parsing them all costs seconds).
 */
export async function readCrds(folders: readonly string[], usedKinds: ReadonlySet<string>): Promise<CrdSelection> {
  const found = new Map<string, PlannedObject>();
  const available = new Set<string>();
  for (const folder of folders) {
    let files: string[];
    try {
      files = (await readdir(folder, { recursive: true })).filter((file) => /\.ya?ml$/.test(file)).sort();
    } catch (error) {
      throw new SlipwayError("INPUT_UNREADABLE", `cannot read the CRD folder ${folder}: ${(error as Error).message}`, {
        where: folder,
        fix: "pass an existing folder of CustomResourceDefinition YAML files with --crds",
        cause: error,
      });
    }
    for (const file of files) {
      const path = join(folder, file);
      for (const text of (await readFile(path, "utf8")).split(/^---[ \t]*$/m)) {
        const declared = declaredGroupKind(text);
        if (declared !== undefined) {
          available.add(declared);
          if (!neededKinds(usedKinds).has(declared)) continue;
        }
        for (const object of parsedDocuments(text)) {
          if (object?.kind !== "CustomResourceDefinition" || object.apiVersion !== "apiextensions.k8s.io/v1") continue;
          if (declared === undefined) available.add(groupKind({ ...object, apiVersion: `${(object.spec as { group?: string }).group}/v`, kind: (object.spec as { names?: { kind?: string } }).names?.kind ?? "" }));
          found.set(object.metadata.name, { object, source: path, served: CRD_KIND });
        }
      }
    }
  }
  const needed = neededCrds([...found.values()], usedKinds).sort((a, b) => (a.object.metadata.name < b.object.metadata.name ? -1 : 1));
  return { needed, available: available.size };
}

/**
 * The documents of `text` (one `---` section). The checker's fast parser reads what
 * controller-gen writes in a fraction of `yaml`'s time (the platform's CRDs are megabytes
 * of schema); what it leaves (anchors, tags, odd layouts) and a duplicate key go to
 * `yaml`, with the same Kubernetes reading of scalars.
 */
function parsedDocuments(text: string): (KubeObject | null)[] {
  try {
    const fast = parseFastYaml(text);
    if (fast !== FALLBACK) return [fast as KubeObject | null];
  } catch (error) {
    // A duplicate key: `yaml` reads the document as it always did (the last value wins).
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
  // With YAML 1.1 scalars as Kubernetes reads them, as the fast parser does (`on` is true, `0755` octal).
  return parseAllDocuments(text, KUBERNETES_YAML_OPTIONS).map((document) => document.toJS() as KubeObject | null);
}

/** `group/Kind` a CRD document declares, read from its text (controller-gen layout); undefined when unsure. */
export function declaredGroupKind(text: string): string | undefined {
  if (!/^kind:\s*CustomResourceDefinition\s*$/m.test(text)) return undefined;
  const group = /^ {2}group:\s*['"]?([a-z0-9.-]+)['"]?\s*$/m.exec(text);
  const kind = /^ {2}names:\s*\n(?: {4}.*\n)*? {4}kind:\s*['"]?([A-Za-z0-9]+)['"]?\s*$/m.exec(text);
  return group && kind ? `${group[1]}/${kind[1]}` : undefined;
}

export async function installCrds(client: ApiClient, crds: readonly PlannedObject[], timeoutMs = 60000): Promise<ApplyResult[]> {
  const hashed = crds.map((crd) => withContentHash({ ...crd, object: withoutSchemaDescriptions(crd.object) }));
  const live = await liveHashes(client);
  const changed = hashed.filter(({ object }) => live.get(object.metadata.name) !== object.metadata.annotations?.[CONTENT_HASH_ANNOTATION]);
  const appliedResults = await applyObjects(client, changed);
  const byName = new Map(changed.map(({ object }, index) => [object.metadata.name, appliedResults[index]!]));
  const results = hashed.map(({ object, source }) => byName.get(object.metadata.name) ?? { key: `CustomResourceDefinition ${object.metadata.name}`, source, outcome: "unchanged" as const });
  const applied = crds.filter((_, index) => results[index]!.outcome !== "rejected");
  const deadline = Date.now() + timeoutMs;
  for (const crd of applied) {
    const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.object.metadata.name}`;
    while (!(await isEstablished(client, path))) {
      if (Date.now() > deadline) {
        throw new SlipwayError("LOCAL_CLUSTER", `CRD ${crd.object.metadata.name} was not established within ${timeoutMs / 1000}s`, {
          where: crd.source,
          fix: "see its status with `kubectl get crd " + crd.object.metadata.name + " -o yaml` (KUBECONFIG from `slipway kubeconfig`)",
        });
      }
      await sleep(100);
    }
  }
  return results;
}

/**
 * The CRD with no `description` in the schemas of its versions. Only the schema keyword
 * goes: a field named `description` (a key of `properties`) stays, and so do the values
 * of `default`, `example` and `enum`, which are data, not schemas.
 */
export function withoutSchemaDescriptions(crd: KubeObject): KubeObject {
  const spec = crd.spec as { versions?: unknown } | undefined;
  if (spec === undefined || !Array.isArray(spec.versions)) return crd;
  const versions = spec.versions.map((version: unknown) => {
    if (!isPlainObject(version) || !isPlainObject(version.schema) || !isPlainObject(version.schema.openAPIV3Schema)) return version;
    return { ...version, schema: { ...version.schema, openAPIV3Schema: schemaWithoutDescriptions(version.schema.openAPIV3Schema) } };
  });
  return { ...crd, spec: { ...spec, versions } };
}

/** JSONSchemaProps keywords whose value is one schema, a list of schemas, or a map of them (apiextensions/v1 types.go). */
const SUBSCHEMA = new Set(["not", "items", "additionalProperties", "additionalItems"]);
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "items"]);
const SUBSCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "dependencies"]);

function schemaWithoutDescriptions(schema: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "description" && typeof value === "string") continue;
    if (SUBSCHEMA_LISTS.has(keyword) && Array.isArray(value)) result[keyword] = value.map((item) => (isPlainObject(item) ? schemaWithoutDescriptions(item) : item));
    else if (SUBSCHEMA.has(keyword) && isPlainObject(value)) result[keyword] = schemaWithoutDescriptions(value);
    else if (SUBSCHEMA_MAPS.has(keyword) && isPlainObject(value)) result[keyword] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, isPlainObject(sub) ? schemaWithoutDescriptions(sub) : sub]));
    else result[keyword] = value;
  }
  return result;
}

function withContentHash(crd: PlannedObject): PlannedObject {
  const hash = createHash("sha256").update(JSON.stringify(crd.object)).digest("hex");
  const metadata = { ...crd.object.metadata, annotations: { ...crd.object.metadata.annotations, [CONTENT_HASH_ANNOTATION]: hash } };
  return { ...crd, object: { ...crd.object, metadata } };
}

/** Hash annotation of every installed CRD, from one metadata-only list (CRD bodies are large). */
async function liveHashes(client: ApiClient): Promise<Map<string, string | undefined>> {
  const response = await client.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", 10000, "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
  if (response.status === 0) throw new ApiServerUnreachable(`the API server stopped answering while listing CRDs: ${response.body}`);
  const list = JSON.parse(response.body) as { items: { metadata: KubeObject["metadata"] }[] | null };
  return new Map((list.items ?? []).map((item) => [item.metadata.name, item.metadata.annotations?.[CONTENT_HASH_ANNOTATION]]));
}

async function isEstablished(client: ApiClient, path: string): Promise<boolean> {
  const response = await client.get(path);
  if (response.status !== 200) return false;
  const crd = JSON.parse(response.body) as { status?: { conditions?: { type: string; status: string }[] } };
  return crd.status?.conditions?.some((condition) => condition.type === "Established" && condition.status === "True") ?? false;
}
