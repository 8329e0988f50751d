/**
 * A fast parser for the YAML Kubernetes manifests are actually written in: block
 * mappings and sequences, plain and quoted scalars (also over several lines), single-line
 * flow collections, literal and simple folded block scalars, comments. It
 * resolves plain scalars as Kubernetes does (YAML 1.1 as go-yaml v2 reads it: `yes`/`off`
 * are booleans, `0755` is octal; `kubernetes-yaml.ts`), exactly as the `yaml` package
 * does with KUBERNETES_YAML_OPTIONS.
 *
 * Why: `yaml` builds a full concrete syntax tree and checks duplicate keys pairwise (a
 * mapping of n keys costs n²), which dominated the checker's time. This parser builds
 * plain values directly, detects duplicate keys by a lookup, and gives up (returns
 * FALLBACK) on anything outside its subset (anchors, tags, multi-line flow collections,
 * complex keys, tabs, CRLF...) so the caller parses that document with `yaml`. A
 * differential test holds it to `yaml`'s results on generated, mutated and adversarial
 * documents and on every upstream CRD and chart file in ../shared.
 */

import { parseGoInteger } from "../../manifest/kubernetes-yaml.js";

export const FALLBACK: unique symbol = Symbol("fast-yaml fallback");

/** Thrown for a duplicate key, with the `yaml` package's message and the 1-based line. */
export class DuplicateKeyError extends Error {
  constructor(readonly line: number) {
    super("Map keys must be unique");
  }
}

interface Line {
  indent: number;
  text: string;
  number: number;
}

class Fallback extends Error {}

const fallback = (): never => {
  throw new Fallback();
};

/** Parses one document; FALLBACK when the document is outside the supported subset. */
export function parseFastYaml(source: string): unknown {
  if (source.includes("\r") || source.includes("\t") || source.charCodeAt(0) === 0xfeff) return FALLBACK;
  try {
    return new FastParser(source).document();
  } catch (error) {
    if (error instanceof Fallback) return FALLBACK;
    throw error;
  }
}

class FastParser {
  private readonly raw: string[];
  /** Per raw line: its Line, undefined when it holds nothing (empty, a comment, or consumed), null when not read yet. */
  private readonly lines: (Line | undefined | null)[];
  private position = 0;

  constructor(source: string) {
    this.raw = source.split("\n");
    // Read on first use (`null` until then): the lines of multi-line scalars never are.
    this.lines = new Array<Line | undefined | null>(this.raw.length).fill(null);
  }

  document(): unknown {
    const first = this.peek();
    if (first === undefined) return null;
    if (first.text.startsWith("%") || first.text.startsWith("--- ") || first.text === "---") fallback();
    const value = this.node(first.indent, -1);
    if (this.peek() !== undefined) fallback();
    return value;
  }

  private peek(): Line | undefined {
    for (; this.position < this.raw.length; this.position++) {
      let line = this.lines[this.position];
      if (line === null) line = this.lines[this.position] = readLine(this.raw[this.position] as string, this.position);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  /** A block node starting at the next line, which is at `indent` (> parentIndent). */
  private node(indent: number, parentIndent: number): unknown {
    const line = this.peek();
    if (line === undefined || line.indent !== indent || indent <= parentIndent) return fallback();
    if (isSequenceItem(line.text)) return this.sequence(indent);
    if (keyEnd(line.text) !== -1) return this.mapping(indent);
    this.position++;
    // A scalar alone on its line may carry a comment too.
    return this.inlineValue(stripComment(line.text), line, parentIndent);
  }

  private mapping(indent: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (let line = this.peek(); line !== undefined && line.indent === indent && !isSequenceItem(line.text); line = this.peek()) {
      const end = keyEnd(line.text);
      if (end === -1) fallback();
      const key = parseKey(line.text.slice(0, end));
      if (Object.hasOwn(result, key)) throw new DuplicateKeyError(line.number);
      const rest = stripComment(line.text.slice(end + 1));
      this.position++;
      let value: unknown;
      if (rest === "") {
        const next = this.peek();
        if (next !== undefined && next.indent > indent) value = this.node(next.indent, indent);
        else if (next !== undefined && next.indent === indent && isSequenceItem(next.text)) value = this.sequence(indent);
        else value = null;
      } else {
        value = this.inlineValue(rest, line, indent);
      }
      setKey(result, key, value);
    }
    return result;
  }

  private sequence(indent: number): unknown[] {
    const result: unknown[] = [];
    for (let line = this.peek(); line !== undefined && line.indent === indent && isSequenceItem(line.text); line = this.peek()) {
      let offset = 1;
      while (line.text.charCodeAt(offset) === 32) offset++;
      const rest = line.text.slice(offset);
      if (rest === "" || rest.startsWith("#")) {
        this.position++;
        const next = this.peek();
        result.push(next !== undefined && next.indent > indent ? this.node(next.indent, indent) : null);
      } else if (isSequenceItem(rest)) {
        fallback();
      } else if (keyEnd(rest) !== -1 && !startsInline(rest)) {
        // `- key: value`: the item is a mapping whose keys line up with `key`.
        this.lines[this.position] = { indent: indent + offset, text: rest, number: line.number };
        result.push(this.mapping(indent + offset));
      } else {
        this.position++;
        result.push(this.inlineValue(stripComment(rest), line, indent));
      }
    }
    return result;
  }

  /** A value written on the line of its key or dash: scalar, flow collection or block scalar header. */
  private inlineValue(text: string, line: Line, parentIndent: number): unknown {
    const first = text.charAt(0);
    if (first === "|" || first === ">") return this.blockScalar(text, parentIndent);
    let value: unknown;
    if (first === "[" || first === "{") value = parseFlow(text);
    else if (first === "'" && closingQuote(text, "'") === -1) value = this.singleQuotedContinuation(text, parentIndent);
    else if (first === '"' && closingQuote(text, '"') === -1) value = this.doubleQuotedContinuation(text, line, parentIndent);
    else if (first === '"' || first === "'") value = parseQuotedWhole(text);
    else if ("&*!%@`?,]}".includes(first) || (first === "-" && (text.length === 1 || text.charAt(1) === " "))) value = fallback();
    else if (keyEnd(text) !== -1) value = fallback();
    else {
      // controller-gen writes every CRD description as a multi-line plain scalar: the
      // lines below that are more indented than the parent continue it.
      const next = this.peek();
      return resolvePlain(next !== undefined && next.indent > parentIndent ? this.plainContinuation(text, line, parentIndent) : text);
    }
    // A more indented line after any other scalar would continue it: not supported.
    const next = this.peek();
    if (next !== undefined && next.indent > parentIndent) fallback();
    return value;
  }

  /**
   * A single-quoted scalar over several lines (YAML 1.2 §7.3.2), as generators write long
   * descriptions and CEL rules: folded like a plain one, `''` is a quote.
   */
  private singleQuotedContinuation(first: string, parentIndent: number): string {
    let body = trimEndSpaces(first.slice(1));
    let empty = 0;
    for (let index = this.position; index < this.raw.length; index++) {
      const text = this.raw[index] as string;
      const content = trimSpaces(text);
      if (content === "") {
        empty++;
        continue;
      }
      let lineIndent = 0;
      while (text.charCodeAt(lineIndent) === 32) lineIndent++;
      if (lineIndent <= parentIndent) fallback();
      body += empty > 0 ? "\n".repeat(empty) : " ";
      empty = 0;
      const close = closingQuote(`'${content}`, "'");
      if (close === -1) {
        body += content;
        continue;
      }
      body += content.slice(0, close - 1);
      if (!isLineEnd(content.slice(close))) fallback();
      for (let skip = this.position; skip <= index; skip++) this.lines[skip] = undefined;
      this.position = index + 1;
      return body.replace(/''/g, "'");
    }
    return fallback();
  }

  /**
   * A double-quoted scalar over several lines (YAML 1.2 §7.3.1), as kube-prometheus-stack's
   * CRDs write their descriptions. Its text runs from the opening quote to the first
   * unescaped quote, read from the raw lines: the spaces at their ends matter (`\ ` before
   * a line break is an escaped space, not an escaped line break). Every line after the
   * first must be empty or indented deeper than the parent, else `yaml` reports it.
   */
  private doubleQuotedContinuation(text: string, line: Line, parentIndent: number): string {
    const first = this.raw[line.number - 1] as string;
    // `text` ends where the line's content ends (its trailing spaces trimmed).
    const start = line.indent + line.text.length - text.length;
    if (first.charCodeAt(start) !== 34) fallback();
    let body = first.slice(start + 1);
    for (let index = line.number; index < this.raw.length; index++) {
      const raw = this.raw[index] as string;
      let lineIndent = 0;
      while (raw.charCodeAt(lineIndent) === 32) lineIndent++;
      if (lineIndent < raw.length && lineIndent <= parentIndent) fallback();
      const close = closingQuote(`"${raw}`, '"');
      if (close === -1) {
        body += `\n${raw}`;
        continue;
      }
      body += `\n${raw.slice(0, close - 1)}`;
      if (!isLineEnd(raw.slice(close))) fallback();
      for (let skip = this.position; skip <= index; skip++) this.lines[skip] = undefined;
      this.position = index + 1;
      return doubleQuoted(body);
    }
    return fallback();
  }

  /**
   * A multi-line plain scalar (YAML 1.2 §7.3.3, block context): each line break between
   * two lines folds to a space, each empty line between them to a line break, and the
   * continuation lines are trimmed. Lines that could end the scalar or mean something
   * else (a comment, `key: value`, a trailing `:`) are left to `yaml`.
   */
  private plainContinuation(first: string, line: Line, parentIndent: number): string {
    // A comment ends a plain scalar: more lines after it are not a continuation.
    if (line.text.includes(" #")) fallback();
    let folded = first;
    let empty = 0;
    // From the raw line after the scalar's first: `peek` has skipped comment lines, which end it.
    const start = line.number;
    let end = start;
    for (let index = start; index < this.raw.length; index++) {
      const text = this.raw[index] as string;
      const content = trimSpaces(text);
      if (content === "") {
        empty++;
        continue;
      }
      let lineIndent = 0;
      while (text.charCodeAt(lineIndent) === 32) lineIndent++;
      if (lineIndent <= parentIndent) break;
      if (content.startsWith("#") || content.includes(" #") || content.includes(": ") || content.endsWith(":")) fallback();
      folded += empty > 0 ? "\n".repeat(empty) : " ";
      folded += content;
      empty = 0;
      end = index + 1;
    }
    for (let skip = start; skip < end; skip++) this.lines[skip] = undefined;
    this.position = end;
    return folded;
  }

  private blockScalar(header: string, parentIndent: number): string {
    const match = /^([|>])(-?)$/.exec(stripComment(header));
    if (!match) return fallback();
    const [, style, chomp] = match;
    const start = this.position;
    let contentIndent = -1;
    let end = start;
    for (let index = start; index < this.raw.length; index++) {
      const text = this.raw[index] as string;
      if (trimSpaces(text) === "") {
        if (text.length > Math.max(contentIndent, parentIndent + 1) && contentIndent !== -1) fallback();
        continue;
      }
      let indent = 0;
      while (text.charCodeAt(indent) === 32) indent++;
      if (contentIndent === -1) {
        if (indent <= parentIndent) break;
        contentIndent = indent;
      } else if (indent < contentIndent) break;
      end = index + 1;
    }
    if (contentIndent === -1) {
      this.position = start;
      return "";
    }
    // Without a final line break the clipped value has none either: rare, left to `yaml`.
    if (end === this.raw.length) fallback();
    const content = this.raw.slice(start, end).map((text) => text.slice(contentIndent));
    this.position = end;
    for (let skip = start; skip < end; skip++) this.lines[skip] = undefined;
    let body: string;
    if (style === "|") {
      body = content.join("\n");
    } else {
      if (content.some((text) => text.startsWith(" "))) fallback();
      body = "";
      for (let i = 0; i < content.length; i++) {
        const text = content[i] as string;
        if (i === 0) body = text;
        else if (text === "") body += "\n";
        else body += (content[i - 1] === "" ? "" : " ") + text;
      }
    }
    return chomp === "-" ? body : body + "\n";
  }
}

/** A raw line → its indentation and content; undefined when empty or a comment. */
function readLine(text: string, index: number): Line | undefined {
  let indent = 0;
  while (text.charCodeAt(indent) === 32) indent++;
  if (indent === text.length || text.charCodeAt(indent) === 35) return undefined;
  return { indent, text: trimEndSpaces(text.slice(indent)), number: index + 1 };
}

/**
 * A plain assignment keeps V8's fast object shapes (defining every key cost a third of the
 * parse); only `__proto__` must be defined, to stay data instead of reaching the prototype.
 */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isSequenceItem(text: string): boolean {
  return text.charCodeAt(0) === 45 && (text.length === 1 || text.charCodeAt(1) === 32);
}

function startsInline(text: string): boolean {
  const first = text.charAt(0);
  return first === "[" || first === "{" || first === "|" || first === ">";
}

/** Index of the `:` ending a mapping key on this line, or -1. */
function keyEnd(text: string): number {
  const first = text.charAt(0);
  if (first === '"' || first === "'") {
    const close = closingQuote(text, first);
    if (close === -1) return -1;
    return text.charAt(close + 1) === ":" && (close + 2 === text.length || text.charAt(close + 2) === " ") ? close + 1 : -1;
  }
  if ("[{#&*!|>%@`?,]}".includes(first)) return -1;
  for (let index = text.indexOf(":"); index !== -1; index = text.indexOf(":", index + 1)) {
    if (index + 1 === text.length || text.charCodeAt(index + 1) === 32) {
      const hash = text.indexOf(" #");
      return hash !== -1 && hash < index ? -1 : index;
    }
  }
  return -1;
}

function parseKey(text: string): string {
  const first = text.charAt(0);
  if (first === '"' || first === "'") return parseQuotedWhole(text);
  const key = trimEndSpaces(text);
  if (key === "" || key === "<<" || typeof resolvePlain(key) !== "string") fallback();
  return key;
}

function stripComment(text: string): string {
  const trimmed = trimSpaces(text);
  if (trimmed.startsWith("#")) return "";
  const first = trimmed.charAt(0);
  if (first === '"' || first === "'") {
    const close = closingQuote(trimmed, first);
    if (close === -1) return trimmed;
    // Text after the closing quote (a comment without a space before it, too) stays, for the caller to refuse.
    return isLineEnd(trimmed.slice(close + 1)) ? trimmed.slice(0, close + 1) : trimmed;
  }
  const hash = trimmed.indexOf(" #");
  return hash === -1 ? trimmed : trimEndSpaces(trimmed.slice(0, hash));
}

/** Nothing, spaces, or a comment after at least one space: what may follow a scalar on its line. */
function isLineEnd(text: string): boolean {
  let index = 0;
  while (text.charCodeAt(index) === 32) index++;
  return index === text.length || (index > 0 && text.charCodeAt(index) === 35);
}

/*
 * YAML's white space is the space and the tab (and tabs fall back): `String.prototype.trim`
 * would also strip U+00A0, U+2028, U+3000 and others, which YAML keeps as content.
 */
function trimSpaces(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 32) start++;
  return start === text.length ? "" : trimEndSpaces(start === 0 ? text : text.slice(start));
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

function closingQuote(text: string, quote: string): number {
  for (let index = 1; index < text.length; index++) {
    const char = text.charAt(index);
    if (quote === "'" && char === "'") {
      if (text.charAt(index + 1) === "'") index++;
      else return index;
    } else if (quote === '"') {
      if (char === "\\") index++;
      else if (char === '"') return index;
    }
  }
  return -1;
}

/** A quoted scalar that must be the whole text. */
function parseQuotedWhole(text: string): string {
  const quote = text.charAt(0);
  const close = closingQuote(text, quote);
  if (close !== text.length - 1) fallback();
  return unquote(text.slice(1, close), quote);
}

function unquote(body: string, quote: string): string {
  return quote === "'" ? body.replace(/''/g, "'") : doubleQuoted(body);
}

/** YAML 1.2's escapes (§5.7) as the `yaml` package reads them; `\x`, `\u` and `\U` are read by `doubleQuoted`. */
const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The value of a double-quoted scalar from the text between its quotes, which may span
 * lines (YAML 1.2 §7.3.1), exactly as the `yaml` package computes it: spaces before a
 * line break are dropped, a line break and the indentation after it fold to one space,
 * each empty line to a line feed, and an escaped line break (`\` ending a line) joins the
 * lines with nothing between them. An escape `yaml` rejects falls back, so `yaml` reports it.
 */
function doubleQuoted(body: string): string {
  if (!body.includes("\\") && !body.includes("\n")) return body;
  let result = "";
  for (let index = 0; index < body.length; index++) {
    const char = body.charCodeAt(index);
    if (char === 10) {
      let breaks = "";
      while (body.charCodeAt(index + 1) === 32 || body.charCodeAt(index + 1) === 10) {
        if (body.charCodeAt(index + 1) === 10) breaks += "\n";
        index++;
      }
      result += breaks === "" ? " " : breaks;
    } else if (char === 92) {
      const next = body.charAt(++index);
      const simple = ESCAPES[next];
      const digits = HEX_DIGITS[next];
      if (simple !== undefined) {
        result += simple;
      } else if (next === "\n") {
        // Only the next line's indentation goes: its empty lines still fold (as `yaml` does).
        while (body.charCodeAt(index + 1) === 32) index++;
      } else if (digits !== undefined) {
        const hex = body.slice(index + 1, index + 1 + digits);
        if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex) || Number.parseInt(hex, 16) > 0x10ffff) fallback();
        result += String.fromCodePoint(Number.parseInt(hex, 16));
        index += digits;
      } else {
        fallback();
      }
    } else if (char === 32) {
      // Spaces before a line break are dropped; anywhere else they are content.
      const start = index;
      while (body.charCodeAt(index + 1) === 32) index++;
      if (body.charCodeAt(index + 1) !== 10) result += body.slice(start, index + 1);
    } else {
      result += body.charAt(index);
    }
  }
  return result;
}

/** YAML 1.1 as go-yaml v2 resolves plain scalars (see kubernetes-yaml.ts); rare forms fall back. */
export function resolvePlain(text: string): unknown {
  if (text === "" || text === "~" || text === "null" || text === "Null" || text === "NULL") return null;
  const first = text.charCodeAt(0);
  // Fast exit: most scalars are words, which start with a letter that no special value starts with.
  const couldBeSpecial = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46 || "tTfFnNyYoO".includes(text.charAt(0));
  if (!couldBeSpecial) return text;
  if (YAML_1_1_TRUE.test(text)) return true;
  if (YAML_1_1_FALSE.test(text)) return false;
  // Underscores inside numbers (`1_000`) are rare enough to leave to the `yaml` package;
  // text with a space or a bracket (`100 * node_load1`, a PromQL expression) is no number.
  if (text.includes("_") && /^[-+.]?[0-9][0-9a-zA-Z_.:+-]*$/.test(text)) return fallback();
  if (/^[-+]?(?:[0-9]+|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$/.test(text)) return parseGoInteger(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number.parseFloat(text);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return Number.NaN;
  return text;
}

const YAML_1_1_TRUE = /^(?:y|Y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const YAML_1_1_FALSE = /^(?:n|N|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;

/** A flow collection that opens and closes on one line: `[a, "b"]`, `{a: 1, b: [2]}`. */
function parseFlow(text: string): unknown {
  let index = 0;
  const skipSpaces = () => {
    while (text.charCodeAt(index) === 32) index++;
  };
  const value = (): unknown => {
    skipSpaces();
    const char = text.charAt(index);
    if (char === "[") {
      index++;
      const items: unknown[] = [];
      for (;;) {
        skipSpaces();
        if (text.charAt(index) === "]") {
          index++;
          return items;
        }
        items.push(value());
        skipSpaces();
        const separator = text.charAt(index++);
        if (separator === "]") return items;
        if (separator !== ",") fallback();
      }
    }
    if (char === "{") {
      index++;
      const result: Record<string, unknown> = {};
      for (;;) {
        skipSpaces();
        if (text.charAt(index) === "}") {
          index++;
          return result;
        }
        const key = scalar(true);
        if (typeof key !== "string" || Object.hasOwn(result, key)) fallback();
        skipSpaces();
        if (text.charAt(index) !== ":") fallback();
        index++;
        skipSpaces();
        const item = text.charAt(index) === "," || text.charAt(index) === "}" ? null : value();
        setKey(result, key as string, item);
        skipSpaces();
        const separator = text.charAt(index++);
        if (separator === "}") return result;
        if (separator !== ",") fallback();
      }
    }
    return scalar(false);
  };
  const scalar = (isKey: boolean): unknown => {
    const char = text.charAt(index);
    if (char === '"' || char === "'") {
      const close = closingQuote(text.slice(index), char);
      if (close === -1) fallback();
      const body = text.slice(index + 1, index + close);
      index += close + 1;
      return unquote(body, char);
    }
    if ("[]{},#&*!|>%@`?".includes(char) || char === "") fallback();
    // `-` starts a plain scalar only when a safe character follows it.
    if (char === "-" && " ,]}".includes(text.charAt(index + 1) || " ")) fallback();
    const start = index;
    while (index < text.length) {
      const current = text.charAt(index);
      if (current === "," || current === "]" || current === "}" || current === "[" || current === "{") break;
      if (current === ":" && (text.charAt(index + 1) === " " || (isKey && "]},".includes(text.charAt(index + 1))))) break;
      if (current === "#" && text.charAt(index - 1) === " ") fallback();
      index++;
    }
    const plain = trimSpaces(text.slice(start, index));
    if (plain === "" || plain.includes(": ")) fallback();
    const resolved = resolvePlain(plain);
    if (isKey && typeof resolved !== "string") fallback();
    return resolved;
  };
  const result = value();
  if (!isLineEnd(text.slice(index))) fallback();
  return result;
}
