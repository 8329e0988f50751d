/**
 * One manifest file on disk → its objects and findings: read, decoded as go-yaml decodes
 * bytes, parsed. A file that cannot be read is an `input` finding, never a silent skip.
 * The loader calls it on the main thread, and the parse workers on theirs, so a file gives
 * the same result wherever it is read.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { SourceObject } from "../finding.js";
import { decodeManifest, invalidUtf8Offset, lineOfOffset } from "./decode-manifest.js";
import { hasSource, rememberSource } from "./locate-field.js";
import { normalizeLineBreaks, PARSE_RULE_ID, parseSource, type ParsedSource, type ParseOptions } from "./parse-source.js";
import { splitYamlStream } from "./split-yaml-stream.js";

export const INPUT_RULE_ID = "input";

/**
 * `path`: where to read; `file`: the name findings and objects carry (relative to the
 * working directory); `options.skipUnrelatedYaml`: the file was found by walking a folder
 * (parse-source.ts).
 */
export function readManifestFile(path: string, file: string, options: ParseOptions = {}): ParsedSource {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: one small file after another, a thread-pool round trip per
    // asynchronous read costs more than the read itself (about 1 ms a file).
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { objects: [], findings: [{ ruleId: INPUT_RULE_ID, severity: "error", file, line: 1, message: `cannot read the file: ${code}`, fix: "make the file readable or leave it out of the input" }] };
  }
  const text = decodeManifest(bytes);
  const format = extname(path).toLowerCase() === ".json" ? "json" : "yaml";
  // Decoding turned bytes that are not UTF-8 into U+FFFD; the full search runs only then.
  // JSON is left alone: Go's encoding/json, which reads it, replaces such bytes too.
  const invalid = format === "yaml" && text.includes("\uFFFD") ? invalidUtf8Offset(bytes) : undefined;
  if (invalid !== undefined) {
    const line = lineOfOffset(bytes, invalid);
    const message = `not UTF-8: byte 0x${(bytes[invalid] ?? 0).toString(16).padStart(2, "0")} at line ${line} starts no UTF-8 character; kubectl and kustomize (go-yaml) refuse the whole file`;
    return { objects: [], findings: [{ ruleId: PARSE_RULE_ID, severity: "error", file, line, message, fix: "save the file as UTF-8 (it is probably Latin-1 or Windows-1252)" }] };
  }
  return parseSource(text, file, format, options);
}

/**
 * Gives objects whose document text is not kept here (parsed on a worker thread, which
 * kept it) their text again, read from their file, so findings about them point at the
 * field's line as a run without workers does. For the few objects a finding is about: a
 * file is read once. Objects of standard input, charts and List items are left alone (their
 * text, if any, is kept already), and so is a file that changed or went since it was parsed.
 */
export function recallSources(objects: readonly SourceObject[], cwd: string): void {
  const byFile = new Map<string, SourceObject[]>();
  for (const object of objects) {
    if (object.file === "<stdin>" || object.renderedFrom !== undefined || hasSource(object.document)) continue;
    const list = byFile.get(object.file) ?? [];
    list.push(object);
    byFile.set(object.file, list);
  }
  for (const [file, list] of byFile) {
    let text: string;
    try {
      text = normalizeLineBreaks(decodeManifest(readFileSync(resolve(cwd, file))));
    } catch {
      continue;
    }
    if (extname(file).toLowerCase() === ".json") {
      for (const object of list) rememberSource(object.document, text, 1);
      continue;
    }
    const documents = splitYamlStream(text);
    for (const object of list) {
      const document = documents[object.documentIndex];
      // The same document as parsed (same first line), holding the object itself rather than a List of it.
      if (document === undefined || document.line !== object.line || !new RegExp(`^kind:[ \t]*["']?${object.kind.replace(/[^A-Za-z0-9]/g, "")}["']?[ \t]*(#.*)?$`, "m").test(document.text)) continue;
      rememberSource(object.document, document.text, document.line);
    }
  }
}
