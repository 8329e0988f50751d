/**
 * Kubernetes' URL library (k8s.io/apiserver pkg/cel/library/urls.go):
 *
 *     url(<string>) <kubernetes.URL>      an absolute URI or an absolute path, else an error
 *     isURL(<string>) <bool>
 *     <URL>.getScheme() / getHost() / getHostname() / getPort() / getEscapedPath() <string>
 *     <URL>.getQuery() <map<string, list<string>>>
 *
 * Upstream validates with Go's url.ParseRequestURI and reads the parts from url.Parse; this
 * is those two parsers' rules, written out: a scheme is a letter then letters, digits, `+`,
 * `-` or `.`; without a scheme the text must start with `/` (`//x` is then a path, not a
 * host); an authority's port is digits only (`https://a:b:c/` is an error); a host may not
 * hold spaces or other characters Go escapes there; `%` must start a valid escape; control
 * characters are refused. The query map follows Go's ParseQuery: pairs with `;` or a bad
 * escape are dropped, `+` is a space.
 */
import { celFunc, celMethod, CelScalar, listType, mapType, type CelFunc, type CelValue } from "@bufbuild/cel";
import { charge, lengthCost } from "./cost.js";
import { URL_TYPE } from "./opaque-type.js";

export interface ParsedUrl {
  readonly scheme: string;
  readonly opaque: string;
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly rawQuery: string;
}

/** Go's url.ParseRequestURI, then url.Parse (which splits the fragment off): what upstream's url() keeps. */
export function parseUrl(text: string): ParsedUrl {
  charge(lengthCost(text.length));
  const fail = (why: string) => new Error(`URL parse error during conversion from string: parse ${JSON.stringify(text)}: ${why}`);
  try {
    parse(text, true);
    const hash = text.indexOf("#");
    const withoutFragment = hash < 0 ? text : text.slice(0, hash);
    if (hash >= 0) unescape(text.slice(hash + 1), "fragment");
    return parse(withoutFragment, false);
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
}

function parse(raw: string, viaRequest: boolean): ParsedUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error("net/url: invalid control character in URL");
  if (raw === "" && viaRequest) throw new Error("empty url");
  if (raw === "*") return { scheme: "", opaque: "", host: "", path: "*", rawPath: "", rawQuery: "" };
  const [scheme, afterScheme] = splitScheme(raw);
  let rest = afterScheme;
  let rawQuery = "";
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const question = rest.indexOf("?");
    if (question >= 0) [rest, rawQuery] = [rest.slice(0, question), rest.slice(question + 1)];
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { scheme, opaque: rest, host: "", path: "", rawPath: "", rawQuery };
    if (viaRequest) throw new Error("invalid URI for request");
    const colon = rest.indexOf(":");
    const slash = rest.indexOf("/");
    if (colon >= 0 && (slash < 0 || colon < slash)) throw new Error("first path segment in URL cannot contain colon");
  }
  let host = "";
  if ((scheme !== "" || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
    const authorityEnd = rest.indexOf("/", 2);
    const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    rest = authorityEnd < 0 ? "" : rest.slice(authorityEnd);
    host = parseAuthority(authority);
  } else if (scheme !== "" && rest.startsWith("/")) host = "";
  const path = unescape(rest, "path");
  return { scheme, opaque: "", host, path, rawPath: rest, rawQuery };
}

function splitScheme(raw: string): [string, string] {
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index] as string;
    if (/[a-zA-Z]/.test(char)) continue;
    if (/[0-9+.-]/.test(char)) {
      if (index === 0) return ["", raw];
      continue;
    }
    if (char === ":") {
      if (index === 0) throw new Error("missing protocol scheme");
      return [raw.slice(0, index).toLowerCase(), raw.slice(index + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new Error("net/url: invalid userinfo");
    unescape(userinfo, "userinfo");
  }
  return parseHost(at < 0 ? authority : authority.slice(at + 1));
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close < 0) throw new Error("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${JSON.stringify(colonPort)} after host`);
    return unescape(host.slice(0, close + 1), "zone-host") + colonPort;
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0) {
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${JSON.stringify(colonPort)} after host`);
  }
  return unescape(host, "host");
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

type Mode = "path" | "host" | "zone-host" | "userinfo" | "query" | "fragment";

/** Characters Go's shouldEscape accepts in a host (besides non-ASCII and `%` escapes). */
const HOST_CHARACTER = /[^A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/;

/** Go's url.unescape: `%XX` decoded as UTF-8 bytes, a bad escape an error; in a host, characters Go would escape are errors. */
function unescape(text: string, mode: Mode): string {
  if (mode === "host" || mode === "zone-host") {
    const bad = HOST_CHARACTER.exec(text);
    if (bad !== null) throw new Error(`invalid character ${JSON.stringify(bad[0])} in host name`);
  }
  const plain = mode === "query" ? text.replaceAll("+", " ") : text;
  if (!plain.includes("%")) return plain;
  const decoder = new TextDecoder();
  let result = "";
  let bytes: number[] = [];
  let start = 0;
  for (let index = plain.indexOf("%"); index >= 0; index = plain.indexOf("%", start)) {
    if (index > start) {
      if (bytes.length > 0) result += decoder.decode(new Uint8Array(bytes));
      bytes = [];
      result += plain.slice(start, index);
    }
    const hex = plain.slice(index + 1, index + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`invalid URL escape ${JSON.stringify(plain.slice(index, index + 3))}`);
    const value = Number.parseInt(hex, 16);
    if (mode === "host" && value < 0x80) throw new Error(`invalid URL escape ${JSON.stringify(plain.slice(index, index + 3))}`);
    if (mode === "zone-host" && value < 0x80 && hex !== "25") throw new Error(`invalid URL escape ${JSON.stringify(plain.slice(index, index + 3))}`);
    bytes.push(value);
    start = index + 3;
  }
  if (bytes.length > 0) result += decoder.decode(new Uint8Array(bytes));
  return result + plain.slice(start);
}

/** Bytes Go's url.escape leaves alone in a path: unreserved characters and `$&+,/:;=@`. */
const PATH_SAFE = new Set([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~$&+,/:;=@"].map((char) => char.charCodeAt(0)));

/** Go's url.escape for a path: the rest is %XX (upper case). */
function escapePath(path: string): string {
  const parts: string[] = [];
  for (const byte of new TextEncoder().encode(path)) parts.push(PATH_SAFE.has(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`);
  return parts.join("");
}

/** Go's URL.EscapedPath: the path as written when that is a valid encoding of it, else the path escaped. */
export function escapedPath(url: ParsedUrl): string {
  const validEncoded = /^(?:[A-Za-z0-9\-_.~!$&'()*+,;=:@[\]/]|%[0-9a-fA-F]{2})*$/.test(url.rawPath);
  if (url.rawPath !== "" && validEncoded) {
    try {
      if (unescape(url.rawPath, "path") === url.path) return url.rawPath;
    } catch {
      // fall through to escaping the decoded path
    }
  }
  if (url.path === "*") return "*";
  return escapePath(url.path);
}

/** Go's splitHostPort as URL.Hostname and URL.Port use it. */
function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = "";
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && validOptionalPort(host.slice(colon))) [host, port] = [host.slice(0, colon), host.slice(colon + 1)];
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return [host, port];
}

/** Go's url.ParseQuery, errors dropped as URL.Query drops them. */
export function parseQuery(rawQuery: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const pair of rawQuery.split("&")) {
    if (pair === "" || pair.includes(";")) continue;
    const equals = pair.indexOf("=");
    let key: string;
    let value: string;
    try {
      key = unescape(equals < 0 ? pair : pair.slice(0, equals), "query");
      value = unescape(equals < 0 ? "" : pair.slice(equals + 1), "query");
    } catch {
      continue;
    }
    result.set(key, [...(result.get(key) ?? []), value]);
  }
  return result;
}

function unwrap(value: CelValue): ParsedUrl {
  return parseUrl(URL_TYPE.unwrap(value));
}

const URL = URL_TYPE.type;
const { BOOL, STRING } = CelScalar;

const getter = (name: string, read: (url: ParsedUrl) => string) =>
  celMethod(name, URL, [], STRING, function () {
    return read(unwrap(this));
  });

export const URLS_LIBRARY: readonly CelFunc[] = [
  celFunc("url", [STRING], URL, (text) => {
    parseUrl(text);
    return URL_TYPE.wrap(text) as never;
  }),
  celFunc("isURL", [STRING], BOOL, (text) => {
    charge(lengthCost(text.length));
    try {
      parse(text, true);
      return true;
    } catch {
      return false;
    }
  }),
  getter("getScheme", (url) => url.scheme),
  getter("getHost", (url) => url.host),
  getter("getHostname", (url) => splitHostPort(url.host)[0]),
  getter("getPort", (url) => splitHostPort(url.host)[1]),
  getter("getEscapedPath", escapedPath),
  celMethod("getQuery", URL, [], mapType(STRING, listType(STRING)), function () {
    return parseQuery(unwrap(this).rawQuery) as never;
  }),
];
