/**
 * CustomResourceDefinitions from `--crds` folders, parsed only when needed: CRD manifests
 * (YAML or JSON), and JSON Schemas in kubeconform's catalog layout `{group}/{kind}_{version}.json`
 * (openapi2jsonschema's output, the datreeio CRDs-catalog), matched by file name. Add-on CRDs
 * are large (Prometheus Operator's alone are megabytes of YAML) and an input uses few of
 * them, so each document is first screened by text for the API groups the input uses
 * (kubeconform's lesson: read the signature, not the whole document); only matching
 * documents are parsed. Files are read once per process and parsed documents cached.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, resolve } from "node:path";
import { SlipwayError } from "../../errors.js";
import { fileKind } from "../../read-text-file.js";
import { parseSource } from "../load/parse-source.js";
import { splitYamlStream } from "../load/split-yaml-stream.js";
import { isCustomResourceDefinition, type CustomResourceDefinitionSource } from "./custom-resource-schemas.js";

interface CrdDocument {
  readonly file: string;
  readonly text: string;
  readonly format: "yaml" | "json";
  /** Set for a JSON Schema in kubeconform's catalog layout, `{group}/{kind}_{version}.json`. */
  readonly catalog?: CatalogEntry;
  parsed?: CustomResourceDefinitionSource[];
}

interface CatalogEntry {
  readonly group: string;
  /** Lower case, as the catalog names files. */
  readonly kind: string;
  readonly version: string;
  schema?: Record<string, unknown> | null;
}

/** `{group}/{kind}_{version}.json`, as kubeconform's openapi2jsonschema and the datreeio CRDs-catalog write them. */
const CATALOG_FILE = /(?:^|[\\/])([a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+)[\\/]([a-z0-9][-a-z0-9.]*)_(v\d+(?:(?:alpha|beta)\d+)?)\.json$/;

const directories = new Map<string, Promise<CrdDocument[]>>();

/**
 * CRDs of the given folders (or files) that may define one of `kinds` (`group/Kind`);
 * every CRD when `kinds` is undefined.
 */
export async function crdsFromDirectories(paths: readonly string[], cwd: string, kinds?: ReadonlySet<string>): Promise<CustomResourceDefinitionSource[]> {
  const documents = (await Promise.all(paths.map((path) => documentsOf(resolve(cwd, path), cwd)))).flat();
  const result: CustomResourceDefinitionSource[] = [];
  for (const document of documents) {
    if (document.catalog !== undefined) {
      result.push(...catalogCrds(document, document.catalog, kinds));
      continue;
    }
    if (kinds !== undefined && !mentionsAnyKind(document.text, kinds)) continue;
    document.parsed ??= parseSource(document.text, document.file, document.format)
      .objects.filter((object) => isCustomResourceDefinition(object.document))
      .map((object) => ({ document: object.document, file: object.file }));
    result.push(...document.parsed);
  }
  return result;
}

/**
 * A catalog schema as a one-version CRD. The catalog's file names lower-case the kind, so
 * the kind is spelled as the input spells it (kubeconform matches the same way); with no
 * input kinds to match, as the schema's `kind` enum gives it, else as the file does.
 */
function catalogCrds(document: CrdDocument, entry: CatalogEntry, kinds: ReadonlySet<string> | undefined): CustomResourceDefinitionSource[] {
  const wanted = kinds === undefined ? undefined : [...kinds].filter((key) => key.toLowerCase() === `${entry.group}/${entry.kind}`);
  if (wanted !== undefined && wanted.length === 0) return [];
  if (entry.schema === undefined) {
    // A schema, not a manifest: parseSource would reject it for lacking apiVersion and kind.
    let parsed: unknown;
    try {
      parsed = JSON.parse(document.text);
    } catch {
      parsed = undefined;
    }
    entry.schema = isCatalogSchema(parsed) ? (openApiFromJsonSchema(parsed) as Record<string, unknown>) : null;
  }
  const schema = entry.schema;
  if (schema === null) return [];
  const enumKind = (((schema.properties as Record<string, { enum?: unknown[] }> | undefined)?.kind?.enum ?? [])[0]);
  const spellings = wanted?.map((key) => key.slice(key.lastIndexOf("/") + 1)) ?? [typeof enumKind === "string" ? enumKind : entry.kind];
  return spellings.map((kind) => ({
    file: document.file,
    document: {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      spec: { group: entry.group, names: { kind }, versions: [{ name: entry.version, served: true, schema: { openAPIV3Schema: schema } }] },
    },
  }));
}

function isCatalogSchema(document: unknown): document is Record<string, unknown> {
  if (document === null || typeof document !== "object" || Array.isArray(document)) return false;
  const schema = document as Record<string, unknown>;
  return !isCustomResourceDefinition(schema) && (schema.type === "object" || (schema.properties !== null && typeof schema.properties === "object"));
}

/**
 * The catalog's JSON Schemas came from openAPIV3Schema; undo the two changes their
 * converters make (`type: [T, "null"]` for nullable, a `$schema` key) so the schema goes
 * through the same structural-schema conversion as a CRD's.
 */
function openApiFromJsonSchema(value: unknown, inProperties = false): unknown {
  if (Array.isArray(value)) return value.map((item) => openApiFromJsonSchema(item));
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (inProperties) result[key] = openApiFromJsonSchema(item);
    else if (key === "$schema" || key === "description") continue;
    else if (key === "type" && Array.isArray(item)) {
      const types = item.filter((type) => type !== "null");
      if (types.length === 1) result.type = types[0];
      if (types.length < item.length) result.nullable = true;
    } else if (key === "enum" || key === "default" || key === "required") result[key] = item;
    else result[key] = openApiFromJsonSchema(item, key === "properties");
  }
  return result;
}

/** A cheap, conservative screen: the document names the group and has `kind: <Kind>`. */
function mentionsAnyKind(text: string, kinds: ReadonlySet<string>): boolean {
  if (!text.includes("CustomResourceDefinition")) return false;
  for (const key of kinds) {
    const slash = key.lastIndexOf("/");
    const group = key.slice(0, slash);
    const kind = key.slice(slash + 1);
    // `kind: Widget` on its own line, inside a flow mapping (`names: {kind: Widget, plural: widgets}`), or as JSON (`"kind":"Widget",`).
    if (text.includes(group) && new RegExp(`kind["']?\\s*:\\s*["']?${kind}["']?\\s*(?:$|[,}#])`, "m").test(text)) return true;
  }
  return false;
}

function documentsOf(path: string, cwd: string): Promise<CrdDocument[]> {
  let pending = directories.get(path);
  if (pending === undefined) {
    pending = readDocuments(path, cwd);
    pending.catch(() => directories.delete(path));
    directories.set(path, pending);
  }
  return pending;
}

async function readDocuments(path: string, cwd: string): Promise<CrdDocument[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    throw new SlipwayError("INPUT_UNREADABLE", `--crds ${relative(cwd, path) || path} does not exist`, { where: path, fix: "pass a folder (or file) of CustomResourceDefinition manifests" });
  }
  const shown = relative(cwd, path) || path;
  const fix = "pass a folder (or file) of CustomResourceDefinition manifests";
  // A FIFO waited forever for a writer; a file that could not be read was read as empty, so its CRDs were missing without a word.
  const kind = info.isDirectory() ? undefined : fileKind(info);
  if (kind !== undefined) throw new SlipwayError("INPUT_UNREADABLE", `--crds ${shown} is ${kind}, not a file or folder`, { where: path, fix });
  const files = info.isDirectory() ? await manifestFiles(path) : [path];
  const documents: CrdDocument[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8").catch((error: unknown) => {
      throw new SlipwayError("INPUT_UNREADABLE", `--crds file ${relative(cwd, file) || file} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { where: file, cause: error, fix });
    });
    const display = relative(cwd, file) || file;
    const catalog = CATALOG_FILE.exec(file);
    if (catalog !== null && !text.includes('"CustomResourceDefinition"')) {
      documents.push({ file: display, text, format: "json", catalog: { group: catalog[1] as string, kind: catalog[4] as string, version: catalog[5] as string } });
    } else if (extname(file).toLowerCase() === ".json") documents.push({ file: display, text, format: "json" });
    // Each YAML document is screened on its own: one file may hold every CRD of an add-on.
    else for (const document of splitYamlStream(text)) documents.push({ file: display, text: "\n".repeat(document.line - 1) + document.text, format: "yaml" });
  }
  return documents;
}

async function manifestFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && [".yaml", ".yml", ".json"].includes(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
