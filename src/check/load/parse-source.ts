/**
 * Text of one file (or stdin, or kustomize output) → SourceObjects, each with its file and
 * line, and `parse` findings for whatever is not a Kubernetes object. Nothing here throws
 * on bad input: broken YAML, binary data, scalars, lists of junk and huge documents all
 * become findings that say where and why.
 */
import { createRequire } from "node:module";
import type { Finding, SourceObject } from "../finding.js";
import { DuplicateKeyError, FALLBACK, parseFastYaml } from "./fast-yaml.js";
import { KUBERNETES_YAML_OPTIONS } from "../../manifest/kubernetes-yaml.js";
import { inlineSuppressions } from "../suppressions.js";
import { rememberSource } from "./locate-field.js";
import { splitYamlStream } from "./split-yaml-stream.js";

/**
 * The API server refuses request bodies over 3 MiB, so a larger document can never be
 * applied; it is reported without being parsed (which also bounds the parser's work).
 */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;

/**
 * The `yaml` package parses only what the fast parser leaves to it, so it is loaded on
 * first need (its module graph costs more start-up time than most checks spend parsing).
 */
const require = createRequire(import.meta.url);
let yamlModule: typeof import("yaml") | undefined;
function yamlPackage(): typeof import("yaml") {
  yamlModule ??= require("yaml") as typeof import("yaml");
  return yamlModule;
}

export interface ParsedSource {
  readonly objects: SourceObject[];
  readonly findings: Finding[];
}

export interface ParseOptions {
  /**
   * The file was found by walking a folder, as Argo CD's directory source finds it: a YAML
   * file none of whose documents looks like a Kubernetes object (a Helm repository index,
   * Helm values, docker-compose, mkdocs...) is skipped with one info finding instead of an
   * error per document. @default false: a file named as input, or standard input, is
   * meant to be manifests, so such documents are errors (as kubeconform reports them)
   */
  readonly skipUnrelatedYaml?: boolean;
}

export const PARSE_RULE_ID = "parse";
const FIX_YAML = "fix the YAML syntax (a linter such as yamllint shows the exact spot)";

export function parseSource(source: string, file: string, format: "yaml" | "json" = "yaml", options: ParseOptions = {}): ParsedSource {
  const result: ParsedSource = { objects: [], findings: [] };
  const text = normalizeLineBreaks(source);
  if (looksBinary(text)) {
    result.findings.push(parseFinding(file, 1, "binary content: not a YAML or JSON manifest", "remove the file from the input or pass only manifest files"));
    return result;
  }
  if (format === "json") {
    const trimmed = text.trim();
    if (trimmed === "") return result;
    if (text.length > MAX_DOCUMENT_BYTES) {
      result.findings.push(tooLarge(file, 1, text.length));
      return result;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      result.findings.push(parseFinding(file, 1, `invalid JSON: ${(error as Error).message}`, "fix the JSON syntax"));
      return result;
    }
    addValue(value, file, 0, 1, result, text);
    return result;
  }
  // Whether every document read is unrelated YAML (and the first of them), for `skipUnrelatedYaml`.
  let allUnrelated = true;
  let firstValue: unknown;
  for (const document of splitYamlStream(text)) {
    if (document.text.length > MAX_DOCUMENT_BYTES) {
      result.findings.push(tooLarge(file, document.line, document.text.length));
      allUnrelated = false;
      continue;
    }
    let value: unknown;
    try {
      // Kubernetes rejects duplicate keys (strict decoding); both parsers refuse them too.
      value = parseFastYaml(document.text);
      if (value === FALLBACK) value = yamlPackage().parse(document.text, KUBERNETES_YAML_OPTIONS);
    } catch (error) {
      const line =
        error instanceof DuplicateKeyError
          ? document.line + error.line - 1
          : error instanceof yamlPackage().YAMLError
            ? document.line + lineOf(document.text, error.pos[0]) - 1
            : document.line;
      result.findings.push(parseFinding(file, line, `invalid YAML: ${firstLine((error as Error).message)}`, FIX_YAML));
      allUnrelated = false;
      continue;
    }
    if (value !== null && value !== undefined) {
      firstValue ??= value;
      if (looksLikeKubernetesObject(value)) allUnrelated = false;
    }
    addValue(value, file, document.index, document.line, result, document.text);
  }
  if (options.skipUnrelatedYaml === true && allUnrelated && firstValue !== undefined) return { objects: [], findings: [unrelatedYaml(file, firstValue)] };
  return result;
}

/**
 * Whether a document is meant as a Kubernetes object, broken or not: a mapping with a
 * \`kind\`, a \`metadata\`, or an apiVersion of the \`group/version\` form. Anything else (a
 * scalar, a sequence, a mapping such as a Helm repository index, whose \`apiVersion: v1\` is
 * Helm's) is YAML of another tool. Argo CD skips a file of such documents in a directory
 * source (reposerver: "it might be an unrelated YAML file which we will ignore"), judging
 * by the text \`apiVersion:\`, \`kind:\` and \`metadata:\` all appearing; this judges each
 * document by its keys, and asks for less, so an object that only lost its kind (it keeps
 * its metadata) is still an error.
 */
export function looksLikeKubernetesObject(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const { kind, metadata, apiVersion } = value as Record<string, unknown>;
  return kind !== undefined || metadata !== undefined || (typeof apiVersion === "string" && apiVersion.includes("/"));
}

/** One info finding for a file of unrelated YAML, naming what it is when its shape says so. */
function unrelatedYaml(file: string, first: unknown): Finding {
  const fields = first !== null && typeof first === "object" && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
  const entries = fields.entries;
  const helmIndex = typeof fields.apiVersion === "string" && entries !== null && typeof entries === "object" && !Array.isArray(entries);
  return {
    ruleId: PARSE_RULE_ID,
    severity: "info",
    file,
    line: 1,
    message: `${helmIndex ? "a Helm repository index" : "YAML of another tool"}, not Kubernetes manifests (no document has a kind, metadata or a group/version apiVersion): skipped, as Argo CD skips it in a directory source`,
    fix: "nothing to do if it is not meant to be applied; if it is, give each document apiVersion, kind and metadata",
  };
}

/** `text`: the document's own text, for locating fields; absent for the items of a List. */
function addValue(value: unknown, file: string, documentIndex: number, line: number, result: ParsedSource, text?: string): void {
  if (value === null || value === undefined) return;
  if (typeof value !== "object" || Array.isArray(value)) {
    const what = Array.isArray(value) ? "a sequence" : `a ${typeof value}`;
    result.findings.push(parseFinding(file, line, `document is ${what}, not a Kubernetes object`, "each YAML document must be a mapping with apiVersion, kind and metadata"));
    return;
  }
  const document = value as Record<string, unknown>;
  const { apiVersion, kind } = document;
  if (typeof apiVersion !== "string" || apiVersion === "" || typeof kind !== "string" || kind === "") {
    const missing = [typeof apiVersion !== "string" || apiVersion === "" ? "apiVersion" : undefined, typeof kind !== "string" || kind === "" ? "kind" : undefined]
      .filter(Boolean)
      .join(" and ");
    result.findings.push(parseFinding(file, line, `document has no ${missing}: not a Kubernetes object`, "add apiVersion and kind (or remove the document from the manifests)"));
    return;
  }
  // `kind: List` (kubectl get -o yaml) carries its objects in `items`; each is checked on its own.
  if (kind === "List" || (kind.endsWith("List") && Array.isArray(document.items))) {
    const items = Array.isArray(document.items) ? document.items : [];
    for (const item of items) addValue(item, file, documentIndex, line, result);
    return;
  }
  const metadata = document.metadata !== null && typeof document.metadata === "object" && !Array.isArray(document.metadata) ? (document.metadata as Record<string, unknown>) : {};
  const name = typeof metadata.name === "string" ? metadata.name : typeof metadata.generateName === "string" ? metadata.generateName : "";
  const namespace = typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : undefined;
  let suppressions: ParsedSource["objects"][number]["suppressions"];
  if (text !== undefined) {
    rememberSource(document, text, line);
    const inline = inlineSuppressions(text, file, line);
    if (inline.suppressions.length > 0) suppressions = inline.suppressions;
    result.findings.push(...inline.findings);
  }
  result.objects.push({ document, apiVersion, kind, name, ...(namespace ? { namespace } : {}), file, documentIndex, line, ...(suppressions ? { suppressions } : {}) });
}

/**
 * YAML reads CRLF and CR as line breaks and ignores a leading byte order mark: normalised
 * once here, so the stream splitter, the fast parser and field lines see LF only (a CRLF
 * file was one unsplit document before).
 */
export function normalizeLineBreaks(text: string): string {
  const withoutMark = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutMark.includes("\r") ? withoutMark.replace(/\r\n?/g, "\n") : withoutMark;
}

function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  // NUL never appears in text; U+FFFD is what invalid UTF-8 decodes to.
  return sample.includes("\u0000") || (sample.match(/\uFFFD/g)?.length ?? 0) > 4;
}

function tooLarge(file: string, line: number, size: number): Finding {
  return parseFinding(
    file,
    line,
    `document is ${(size / 1024 / 1024).toFixed(1)} MiB, over the API server's 3 MiB request limit: not parsed`,
    "split the object (large data belongs in a volume or object storage, not in a manifest)",
  );
}

function parseFinding(file: string, line: number, message: string, fix: string): Finding {
  return { ruleId: PARSE_RULE_ID, severity: "error", file, line, message, fix };
}

/** 1-based line of a character offset (errors carry offsets; lines are computed only on failure). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line += 1;
  return line;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
