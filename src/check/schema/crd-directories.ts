/**
 * CustomResourceDefinitions from `--crds` folders, parsed only when needed. Add-on CRDs
 * are large (Prometheus Operator's alone are megabytes of YAML) and an input uses few of
 * them, so each document is first screened by text for the API groups the input uses
 * (kubeconform's lesson: read the signature, not the whole document); only matching
 * documents are parsed. Files are read once per process and parsed documents cached.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, resolve } from "node:path";
import { SlipwayError } from "../../errors.js";
import { parseSource } from "../load/parse-source.js";
import { splitYamlStream } from "../load/split-yaml-stream.js";
import { isCustomResourceDefinition, type CustomResourceDefinitionSource } from "./custom-resource-schemas.js";

interface CrdDocument {
  readonly file: string;
  readonly text: string;
  readonly format: "yaml" | "json";
  parsed?: CustomResourceDefinitionSource[];
}

const directories = new Map<string, Promise<CrdDocument[]>>();

/**
 * CRDs of the given folders (or files) that may define one of `kinds` (`group/Kind`);
 * every CRD when `kinds` is undefined.
 */
export async function crdsFromDirectories(paths: readonly string[], cwd: string, kinds?: ReadonlySet<string>): Promise<CustomResourceDefinitionSource[]> {
  const documents = (await Promise.all(paths.map((path) => documentsOf(resolve(cwd, path), cwd)))).flat();
  const result: CustomResourceDefinitionSource[] = [];
  for (const document of documents) {
    if (kinds !== undefined && !mentionsAnyKind(document.text, kinds)) continue;
    document.parsed ??= parseSource(document.text, document.file, document.format)
      .objects.filter((object) => isCustomResourceDefinition(object.document))
      .map((object) => ({ document: object.document, file: object.file }));
    result.push(...document.parsed);
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
    if (text.includes(group) && new RegExp(`kind:\\s*["']?${kind}["']?\\s*$`, "m").test(text)) return true;
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
  const files = info.isDirectory() ? await manifestFiles(path) : [path];
  const documents: CrdDocument[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => "");
    const display = relative(cwd, file) || file;
    if (extname(file).toLowerCase() === ".json") documents.push({ file: display, text, format: "json" });
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
