/**
 * Kubernetes' regex library (k8s.io/apiserver pkg/cel/library/regex.go):
 *
 *     <string>.find(<string>) <string>                   the first match, '' when none
 *     <string>.findAll(<string>) <list<string>>          every match (Go's FindAllString)
 *     <string>.findAll(<string>, <int>) <list<string>>   at most n matches; n < 0 means all
 *
 * Patterns are RE2 (Go's regexp). A pattern RE2 refuses is an error ("Illegal regex"), as
 * upstream. RE2 guarantees linear time; JavaScript's engine backtracks. So RE2 itself (the
 * RE2 port @bufbuild/cel uses for `matches`) first decides whether there is a match at all,
 * in linear time, and only then is the match located with an equivalent JavaScript
 * RegExp; catastrophic backtracking happens on inputs that do not match, which never reach
 * it. The translation covers what differs between the two syntaxes (`(?P<name>`, `\z`,
 * `\A`, `\s`, `.`, leading `(?i)`/`(?s)` flags, escaped punctuation); anything else it
 * cannot render faithfully (inline flag groups, POSIX classes, `\Q...\E`, multi-line mode)
 * is an error, so the rule is reported as not evaluated rather than guessed.
 */
import { celMethod, CelScalar, listType, type CelFunc } from "@bufbuild/cel";
import { RE2JS } from "@bufbuild/re2";
import { charge, lengthCost } from "./cost.js";

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

/** An RE2 pattern as a JavaScript RegExp with the same matches (flags `gu`); throws when it cannot. */
export function toJavaScript(pattern: string): RegExp {
  let rest = pattern;
  let flags = "gu";
  let dotAll = false;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(rest);
  if (leading !== null) {
    for (const flag of leading[1] as string) {
      if (flag === "i") flags += flags.includes("i") ? "" : "i";
      else if (flag === "s") dotAll = true;
      else throw new Error(`the checker cannot evaluate the regex flag (?${flag})`);
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
          case "z":
            if (inClass) throw unsupported("\\z in a class");
            out += "(?![\\s\\S])";
            break;
          case "A":
            if (inClass) throw unsupported("\\A in a class");
            out += "(?<![\\s\\S])";
            break;
          case "s":
            out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
            break;
          case "S":
            if (inClass) throw unsupported("\\S in a class");
            out += "[^\\t\\n\\f\\r ]";
            break;
          case "Q":
          case "C":
            throw unsupported(`\\${next}`);
          case "p":
          case "P":
            if (rest[index + 1] === "{") out += `\\${next}`;
            else {
              out += `\\${next}{${rest[index + 1] ?? ""}}`;
              index++;
            }
            break;
          case "x":
            if (rest[index + 1] === "{") out += "\\u";
            else out += "\\x";
            break;
          default:
            out += `\\${next}`;
        }
      } else {
        out += `\\u{${(next.codePointAt(0) as number).toString(16)}}`;
        if ((next.codePointAt(0) as number) > 0xffff) index++;
      }
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
      if (rest.startsWith("(?:", index) || rest.startsWith("(?<", index)) {
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
    return new RegExp(out, flags);
  } catch (error) {
    throw unsupported(error instanceof Error ? error.message : String(error));
  }
}

function unsupported(what: string): Error {
  return new Error(`the checker cannot evaluate this regex (${what})`);
}

/** Go's FindAllString: leftmost-first matches, an empty match right after a match skipped, at most `limit` (all when negative). */
export function findAllMatches(text: string, pattern: string, limit: number): string[] {
  const { re2, javascript } = compile(pattern);
  charge(lengthCost(text.length) * lengthCost(pattern.length));
  if (limit === 0 || !re2.test(text)) return [];
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
      const code = text.codePointAt(position);
      position += code !== undefined && code > 0xffff ? 2 : 1;
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
