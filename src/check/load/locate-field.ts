/**
 * Finds the line of a field inside a document's YAML text, so a finding about
 * `spec.template.spec.containers[0].image` points at that line, not at the object's first.
 * It reads the block structure by indentation only (no parse): good for the block style
 * manifests are written in; when the structure is anything else (flow collections,
 * quoted keys it cannot match), it returns the deepest line it did find.
 *
 * Documents are registered by the loader (`rememberSource`) and looked up by identity,
 * so nothing is kept for objects built in memory.
 */

/** Keys and list indexes from a document's root to a field: `["spec", "containers", 0, "image"]`. */
export type FieldPath = readonly (string | number)[];

interface DocumentSource {
  readonly text: string;
  /** 1-based line of the document's first line in its file. */
  readonly line: number;
  /** `text` split into lines, on first need: rules locate many fields of one document. */
  lines?: readonly string[];
}

function linesOf(source: DocumentSource): readonly string[] {
  source.lines ??= source.text.split("\n");
  return source.lines;
}

const sources = new WeakMap<object, DocumentSource>();

export function rememberSource(document: object, text: string, line: number): void {
  sources.set(document, { text, line });
}

/** Whether the text a document was loaded from is kept here (no copy made, unlike `sourceOf`). */
export function hasSource(document: object): boolean {
  return sources.has(document);
}

/** The text and first line a document was loaded from, to hand to a worker thread with a copy of it. */
export function sourceOf(document: object): { readonly text: string; readonly line: number } | undefined {
  const source = sources.get(document);
  // Without the cached lines: a copy goes to worker threads, which split the text themselves.
  return source === undefined ? undefined : { text: source.text, line: source.line };
}

/** Points a document at another text (kustomize output → the file it was rendered from), or at none. */
export function moveSource(document: object, from: object | undefined): void {
  const source = from === undefined ? undefined : sources.get(from);
  if (source === undefined) sources.delete(document);
  else sources.set(document, source);
}

/** 1-based line in the file of the field at `path` (keys and list indexes), if the document was loaded from text. */
export function fieldLine(document: object, path: readonly (string | number)[]): number | undefined {
  const source = sources.get(document);
  if (source === undefined) return undefined;
  const relative = locate(linesOf(source), path);
  return relative === undefined ? undefined : source.line + relative;
}

/** The text of the line holding the field at `path` (its key and, for a scalar, its value), if loaded from text. */
export function fieldLineText(document: object, path: readonly (string | number)[]): string | undefined {
  const source = sources.get(document);
  if (source === undefined) return undefined;
  const lines = linesOf(source);
  const relative = locate(lines, path);
  return relative === undefined ? undefined : lines[relative];
}

/** Where a walk stands after a prefix of a path: the block its next segment is looked for in. */
interface WalkState {
  readonly start: number;
  readonly end: number;
  readonly parentIndent: number;
  readonly insideItem: boolean;
  /** The line of the prefix's last segment; undefined at the root. */
  readonly found: number | undefined;
  /** The states after one more segment, or null when that segment is not there. */
  next?: Map<string | number, WalkState | null>;
}

/**
 * Per text (its lines array), the walks done so far, as a tree of path prefixes: findings
 * about one container share `spec.template.spec.containers[0]`, which is found once.
 */
const walksByText = new WeakMap<readonly string[], WalkState>();

/** 0-based line of the deepest part of `path` found in `lines`. */
export function locate(lines: readonly string[], path: readonly (string | number)[]): number | undefined {
  let state = walksByText.get(lines);
  if (state === undefined) {
    state = { start: 0, end: lines.length, parentIndent: -1, insideItem: false, found: undefined };
    walksByText.set(lines, state);
  }
  for (const segment of path) {
    state.next ??= new Map();
    let next = state.next.get(segment);
    if (next === undefined) {
      next = step(lines, state, segment);
      state.next.set(segment, next);
    }
    if (next === null) return state.found;
    state = next;
  }
  return state.found;
}

function step(lines: readonly string[], state: WalkState, segment: string | number): WalkState | null {
  const { start, end, parentIndent, insideItem } = state;
  const hit: Hit | undefined = typeof segment === "number" ? findItem(lines, start, end, parentIndent, segment) : findKey(lines, start, end, parentIndent, segment, insideItem);
  if (hit === undefined) return null;
  return {
    // An item's first key is on the item's own line; a key's value starts on the next line.
    start: hit.item ? hit.line : hit.line + 1,
    end: blockEnd(lines, hit.line + 1, hit.indent, hit.item, end),
    parentIndent: hit.indent,
    insideItem: hit.item,
    found: hit.line,
  };
}

interface Hit {
  readonly line: number;
  /** Column of the key, or of an item's dash. */
  readonly indent: number;
  readonly item: boolean;
}

function findKey(lines: readonly string[], start: number, end: number, parentIndent: number, key: string, insideItem: boolean): Hit | undefined {
  let keyIndent: number | undefined;
  for (let index = start; index < end; index++) {
    const { indent, content } = insideItem && index === start ? lineParts(lines[index] as string, true) : linePartsAt(lines, index);
    if (content === "" || content.startsWith("#")) continue;
    if (indent <= parentIndent) break;
    keyIndent ??= indent;
    if (indent !== keyIndent) continue;
    if (content.startsWith(`${key}:`) || content.startsWith(`"${key}":`) || content.startsWith(`'${key}':`)) return { line: index, indent, item: false };
  }
  return undefined;
}

function findItem(lines: readonly string[], start: number, end: number, parentIndent: number, position: number): Hit | undefined {
  let count = -1;
  let itemIndent: number | undefined;
  for (let index = start; index < end; index++) {
    const { indent, content } = linePartsAt(lines, index);
    if (content === "" || content.startsWith("#")) continue;
    // Items sit deeper than their key, or at the key's column (compact style).
    if (indent < parentIndent || (indent === parentIndent && !isItem(content))) break;
    if (!isItem(content)) continue;
    itemIndent ??= indent;
    if (indent !== itemIndent) continue;
    count += 1;
    if (count === position) return { line: index, indent, item: true };
  }
  return undefined;
}

function isItem(content: string): boolean {
  return content === "-" || content.startsWith("- ");
}

/**
 * `lineParts(lines[index], false)`, computed once per line of a text: the rules locate many
 * fields of one document, and each walk reads the same lines again.
 */
const partsByText = new WeakMap<readonly string[], ({ indent: number; content: string } | undefined)[]>();
function linePartsAt(lines: readonly string[], index: number): { indent: number; content: string } {
  let parts = partsByText.get(lines);
  if (parts === undefined) {
    parts = [];
    partsByText.set(lines, parts);
  }
  return (parts[index] ??= lineParts(lines[index] as string, false));
}

/** Indentation and content; on an item's own line, the content after the dash and its column. */
function lineParts(text: string, afterDash: boolean): { indent: number; content: string } {
  const content = text.trimStart();
  const indent = text.length - content.length;
  if (afterDash && isItem(content)) {
    const rest = content.slice(1);
    const inner = rest.trimStart();
    return { indent: indent + 1 + (rest.length - inner.length), content: inner.trimEnd() };
  }
  return { indent, content: content.trimEnd() };
}

/** First line after `from` that no longer belongs to the value of the hit at `indent`. */
function blockEnd(lines: readonly string[], from: number, indent: number, item: boolean, limit: number): number {
  for (let index = from; index < limit; index++) {
    const { indent: lineIndent, content } = linePartsAt(lines, index);
    if (content === "" || content.startsWith("#")) continue;
    if (item ? lineIndent <= indent : lineIndent < indent || (lineIndent === indent && !isItem(content))) return index;
  }
  return limit;
}
