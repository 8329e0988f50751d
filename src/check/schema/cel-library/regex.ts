/**
 * Kubernetes' regex library (k8s.io/apiserver pkg/cel/library/regex.go):
 *
 *     <string>.find(<string>) <string>                   the first match, '' when none
 *     <string>.findAll(<string>) <list<string>>          every match (Go's FindAllString)
 *     <string>.findAll(<string>, <int>) <list<string>>   at most n matches; n < 0 means all
 *
 * Patterns are RE2 (Go's regexp). A pattern RE2 refuses is an error ("Illegal regex"), as
 * upstream. RE2 guarantees linear time; JavaScript's engine backtracks, so two guards keep
 * a hostile pattern from hanging the check:
 * - RE2 itself (the RE2 port @bufbuild/cel uses for `matches`) first decides, in linear
 *   time, whether there is a match at all; text without one never reaches JavaScript;
 * - V8 is told to switch a regular expression to its linear-time engine once it has
 *   backtracked too much (`--enable-experimental-regexp-engine-on-excessive-backtracks`,
 *   set at load). That engine takes no `u` or `i` flag, so the translation uses neither.
 *
 * The translation renders what differs between the syntaxes (`(?P<name>`, `\z`, `\A`, `\s`,
 * `.`, `\a`, a leading `(?s)`, escaped punctuation). What it cannot render for that engine
 * is an error, so the rule is reported as not evaluated rather than guessed or left to
 * backtrack: case-insensitive and other inline flags, Unicode classes (`\pL`), POSIX
 * classes, `\Q...\E`, octal escapes, and text or patterns with characters beyond the Basic
 * Multilingual Plane.
 */
import { setFlagsFromString } from "node:v8";
import { celMethod, CelScalar, listType, type CelFunc } from "@bufbuild/cel";
import { RE2JS } from "@bufbuild/re2";
import { charge, lengthCost } from "./cost.js";

// Affects only regular expressions that backtrack past V8's threshold: they finish in linear time instead.
setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");

interface Compiled {
  readonly re2: RE2JS;
  readonly javascript: RegExp;
}

const compiledPatterns = new Map<string, Compiled>();

function compile(pattern: string): Compiled {
  const known = compiledPatterns.get(pattern);
  if (known !== undefined) return known;
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(pattern);
  } catch (error) {
    throw new Error(`Illegal regex: ${error instanceof Error ? error.message : String(error)}`);
  }
  const compiled = { re2, javascript: toJavaScript(pattern) };
  if (compiledPatterns.size > 1000) compiledPatterns.clear();
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

/** An RE2 pattern as a JavaScript RegExp with the same matches (flag `g` only, so V8's linear engine can take it over); throws when it cannot. */
export function toJavaScript(pattern: string): RegExp {
  if (/[\ud800-\udfff]/.test(pattern)) throw unsupported("characters beyond the Basic Multilingual Plane");
  let rest = pattern;
  let dotAll = false;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(rest);
  if (leading !== null) {
    for (const flag of leading[1] as string) {
      if (flag === "s") dotAll = true;
      else throw unsupported(`the flag (?${flag})`);
    }
    rest = rest.slice(leading[0].length);
  }
  let out = "";
  let inClass = false;
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index] as string;
    if (char === "\\") {
      const next = rest[index + 1];
      if (next === undefined) throw new Error("Illegal regex: trailing backslash");
      index++;
      if (/[0-9A-Za-z]/.test(next)) {
        switch (next) {
          case "d":
          case "D":
          case "w":
          case "W":
          case "n":
          case "r":
          case "t":
          case "f":
          case "v":
            out += `\\${next}`;
            break;
          case "b":
          case "B":
            if (inClass) throw unsupported(`\\${next} in a class`);
            out += `\\${next}`;
            break;
          case "a":
            out += "\\x07";
            break;
          case "z":
            // Without the m flag, which is never set, $ is the end of the text.
            if (inClass) throw unsupported("\\z in a class");
            out += "$";
            break;
          case "A":
            if (inClass) throw unsupported("\\A in a class");
            out += "^";
            break;
          case "s":
            out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
            break;
          case "S":
            if (inClass) throw unsupported("\\S in a class");
            out += "[^\\t\\n\\f\\r ]";
            break;
          case "x": {
            const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(rest.slice(index + 1));
            const plain = /^[0-9a-fA-F]{2}/.exec(rest.slice(index + 1));
            const code = braced !== null ? Number.parseInt(braced[1] as string, 16) : plain !== null ? Number.parseInt(plain[0], 16) : undefined;
            if (code === undefined) throw new Error("Illegal regex: invalid escape sequence");
            if (code > 0xffff) throw unsupported("characters beyond the Basic Multilingual Plane");
            out += unicodeEscape(code);
            index += (braced ?? plain)?.[0].length ?? 0;
            break;
          }
          default:
            throw unsupported(`\\${next}`);
        }
      } else out += unicodeEscape(next.charCodeAt(0));
      continue;
    }
    if (inClass) {
      if (char === "[" && rest[index + 1] === ":") throw unsupported("POSIX character classes");
      if (char === "]") inClass = false;
      out += char;
      continue;
    }
    if (char === "[") {
      inClass = true;
      out += char;
      if (rest[index + 1] === "^") {
        out += "^";
        index++;
      }
      // A `]` right after `[` or `[^` is a literal in RE2.
      if (rest[index + 1] === "]") {
        out += "\\]";
        index++;
      }
      continue;
    }
    if (char === "(" && rest[index + 1] === "?") {
      if (rest.startsWith("(?P<", index)) {
        out += "(?<";
        index += 3;
        continue;
      }
      if (rest.startsWith("(?:", index) || (rest.startsWith("(?<", index) && rest[index + 3] !== "=" && rest[index + 3] !== "!")) {
        out += char;
        continue;
      }
      throw unsupported("inline flags");
    }
    if (char === ".") {
      out += dotAll ? "[\\s\\S]" : "[^\\n]";
      continue;
    }
    out += char;
  }
  try {
    return new RegExp(out, "g");
  } catch (error) {
    throw unsupported(error instanceof Error ? error.message : String(error));
  }
}

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

function unsupported(what: string): Error {
  return new Error(`the checker cannot evaluate this regex (${what})`);
}

/** Go's FindAllString: leftmost-first matches, an empty match right after a match skipped, at most `limit` (all when negative). */
export function findAllMatches(text: string, pattern: string, limit: number): string[] {
  const { re2, javascript } = compile(pattern);
  charge(lengthCost(text.length) * lengthCost(pattern.length));
  if (limit === 0 || !re2.test(text)) return [];
  if (/[\ud800-\udfff]/.test(text)) throw unsupported("text with characters beyond the Basic Multilingual Plane");
  const matches: string[] = [];
  let position = 0;
  let previousEnd = -1;
  while (position <= text.length && (limit < 0 || matches.length < limit)) {
    javascript.lastIndex = position;
    const match = javascript.exec(text);
    if (match === null) break;
    const start = match.index;
    const end = start + match[0].length;
    let accept = true;
    if (end === position && start === end) {
      if (start === previousEnd) accept = false;
      position += 1;
    } else position = end;
    previousEnd = end;
    if (accept) matches.push(match[0]);
  }
  if (matches.length === 0) throw new Error("the checker's regex engines disagree on this pattern");
  return matches;
}

export const REGEX_LIBRARY: readonly CelFunc[] = [
  celMethod("find", CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (pattern) {
    return findAllMatches(this, pattern, 1)[0] ?? "";
  }),
  celMethod("findAll", CelScalar.STRING, [CelScalar.STRING], listType(CelScalar.STRING), function (pattern) {
    return findAllMatches(this, pattern, -1);
  }),
  celMethod("findAll", CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], listType(CelScalar.STRING), function (pattern, limit) {
    return findAllMatches(this, pattern, limit < -1n ? -1 : Number(limit > 2n ** 31n ? 2n ** 31n : limit));
  }),
];
