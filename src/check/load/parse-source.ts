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

export const PARSE_RULE_ID = "parse";
const FIX_YAML = "fix the YAML syntax (a linter such as yamllint shows the exact spot)";

export function parseSource(source: string, file: string, format: "yaml" | "json" = "yaml"): ParsedSource {
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
  for (const document of splitYamlStream(text)) {
    if (document.text.length > MAX_DOCUMENT_BYTES) {
      result.findings.push(tooLarge(file, document.line, document.text.length));
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
      continue;
    }
    addValue(value, file, document.index, document.line, result, document.text);
  }
  return result;
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
