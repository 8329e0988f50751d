/**
 * Grammars of the spec's strings that end up in a manifest, a URL or a shell line:
 * names (RFC 1123 labels), ingress hosts, OCI image references, Git repository URLs and
 * repository paths. Each check returns the first rule a value breaks, in words a user can
 * act on, so a spec error says why and not only "invalid".
 *
 * The messages are built here once; the zod schema attaches them with `grammar()`, and
 * each grammar also carries a JSON Schema `pattern` so editors flag the value early.
 */
import { z } from "zod";

/** Returns why `value` breaks the grammar, or undefined when it is fine. */
export type GrammarCheck = (value: string) => string | undefined;

/** A zod string validated by `check`, documented by `pattern` in the JSON Schema. */
export function grammar(check: GrammarCheck, pattern: string): z.ZodString {
  return z
    .string()
    .superRefine((value, context) => {
      const problem = check(value);
      if (problem !== undefined) context.addIssue({ code: "custom", message: problem, input: value });
    })
    .meta({ pattern });
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

/**
 * An RFC 1123 label (Kubernetes object and namespace names): lowercase letters, digits
 * and '-', starting and ending with a letter or digit, at most `max` characters. `max`
 * is 63 unless Slipway appends a suffix to the name; `why` then names the longest one.
 */
export function dnsLabelProblem(value: string, max = 63, why?: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > max) {
    return `is ${value.length} characters long; at most ${max} are allowed${why ? ` (${why})` : " (an RFC 1123 DNS label)"}; choose a shorter name`;
  }
  if (!LABEL.test(value)) {
    const bad = [...new Set([...value].filter((character) => !/[a-z0-9-]/.test(character)))];
    const reason =
      bad.length > 0
        ? `contains ${bad.map((character) => JSON.stringify(character)).join(", ")}`
        : "starts or ends with '-'";
    return `must be an RFC 1123 DNS label: lowercase a-z, 0-9 and '-', starting and ending with a letter or digit; "${value}" ${reason}`;
  }
  return undefined;
}

export function dnsLabel(max = 63, why?: string): z.ZodString {
  return grammar((value) => dnsLabelProblem(value, max, why), DNS_LABEL_PATTERN);
}

/**
 * A host name as a Kubernetes Ingress rule accepts it: an RFC 1123 subdomain (labels of
 * at most 63 characters, 253 in all), lowercase, no scheme, port, path or spaces; a
 * leading `*.` wildcard covers exactly one label. An IP address is not a host.
 */
export function hostNameProblem(value: string, options: { readonly wildcard?: boolean } = {}): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return `must be a bare host name such as app.example.com, without a scheme ("${value.split("://")[0]}://")`;
  if (/[/\s;:?#@]/.test(value)) return `must be a bare host name such as app.example.com, without a path, port, query or spaces; got ${JSON.stringify(value)}`;
  if (value.length > 253) return `is ${value.length} characters long; a host name has at most 253`;
  let name = value;
  if (value.startsWith("*.")) {
    if (options.wildcard !== true) return "must not be a wildcard here; name one host";
    name = value.slice(2);
  }
  if (name.includes("*")) return "may only use '*' as the whole first label (*.example.com)";
  if (/^[0-9.]+$/.test(name)) return "must be a DNS name, not an IP address";
  const labels = name.split(".");
  if (labels.length < 2) return `must be a fully qualified host name such as ${name || "app"}.example.com`;
  for (const label of labels) {
    if (label.length === 0) return `has an empty label (two dots or a dot at an end) in ${JSON.stringify(value)}`;
    const problem = dnsLabelProblem(label);
    if (problem !== undefined) return `label "${label}" ${problem}`;
  }
  return undefined;
}

export const HOST_NAME_PATTERN = "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$";

export function hostName(options: { readonly wildcard?: boolean } = {}): z.ZodString {
  return grammar((value) => hostNameProblem(value, options), HOST_NAME_PATTERN);
}

/*
 * The OCI distribution spec's reference grammar (also what containerd and the kubelet
 * parse): [registry[:port]/]path-component(/path-component)*, each component lowercase
 * alphanumerics joined by '.', '_', '__' or '-'s.
 */
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REGISTRY = "(?:[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](?::[0-9]{1,5})?)";
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const REGISTRY_HOST = new RegExp(`^${REGISTRY}$`);
export const IMAGE_PATTERN = `^(${REGISTRY}/)?${PATH_COMPONENT}(/${PATH_COMPONENT})*$`;

/**
 * An image repository without tag or digest (the spec's `imageTag` supplies the tag):
 * an optional registry host (with port) then lowercase path components. The first
 * component is a registry when it holds a '.' or ':' or is `localhost`, as in Docker.
 */
export function imageRepositoryProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > 255) return `is ${value.length} characters long; an image repository has at most 255`;
  if (/\s/.test(value)) return "must not contain spaces";
  if (value.includes("@")) return "must not carry a digest; give the repository only and set imageTag";
  const slash = value.indexOf("/");
  const first = slash < 0 ? value : value.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first.startsWith("["));
  const path = hasRegistry ? value.slice(slash + 1) : value;
  if (hasRegistry && !REGISTRY_HOST.test(first)) return `registry "${first}" must be a host name with an optional :port`;
  if (/:[^/]*$/.test(path)) return "must not carry a tag; give the repository only and set imageTag";
  if (path !== path.toLowerCase()) return `repository "${path}" must be lowercase (OCI references allow no upper-case letters after the registry)`;
  if (!REPOSITORY.test(path)) {
    return `repository "${path}" must be lowercase path components (a-z, 0-9, separated by '.', '_', '__' or '-') joined by '/', as the OCI distribution spec defines`;
  }
  return undefined;
}

/** A tag as OCI defines it: up to 128 of [A-Za-z0-9_.-], not starting with '.' or '-'. */
export const IMAGE_TAG_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

export function imageTagProblem(value: string): string | undefined {
  if (!new RegExp(IMAGE_TAG_PATTERN).test(value)) {
    return `must be an OCI tag: up to 128 of A-Z, a-z, 0-9, '_', '.', '-', not starting with '.' or '-'; got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/**
 * Git repository URLs Argo CD can fetch with credentials it manages: https://, ssh:// or
 * scp-like git@host:owner/name. file:// and plain http:// are refused: the first reads
 * the Argo CD server's own disk, the second sends credentials in clear.
 */
export const GIT_URL_PATTERN = "^(https://[^\\s/@]+/[^\\s]+|ssh://[^\\s@/]+@[^\\s/]+/[^\\s]+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+)$";

export function gitRepositoryUrlProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (/[\s"'`$;|&<>\\]/.test(value)) return `must not contain spaces, quotes or shell characters; got ${JSON.stringify(value)}`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "https" && scheme !== "ssh") {
    return `must be an https://, ssh:// or git@host:owner/name URL, not ${scheme}://${scheme === "file" ? " (it would read the Argo CD server's own disk)" : scheme === "http" ? " (credentials would travel in clear)" : ""}`;
  }
  if (scheme === "https" && /^https:\/\/[^/]*@/i.test(value)) return "must not embed credentials; give Argo CD a repository credential instead";
  // Checked on the raw text: URL parsing would quietly resolve the '..' away.
  if (value.split(/[/:]/).includes("..")) return "must not contain '..' path segments";
  if (!new RegExp(GIT_URL_PATTERN).test(value)) {
    return "must be a Git repository URL such as https://github.com/org/repo.git or git@github.com:org/repo.git";
  }
  return undefined;
}

export function gitRepositoryUrl(): z.ZodString {
  return grammar(gitRepositoryUrlProblem, GIT_URL_PATTERN);
}

/**
 * A folder inside a repository: relative, '/'-separated, no '..' segment, no
 * backslash, no characters a shell or YAML would read differently. `.` is the root.
 */
export const REPOSITORY_PATH_PATTERN = "^(\\.|[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)/?$";

export function repositoryPathProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty; use . for the repository root";
  if (value.startsWith("/")) return "must be relative to the repository root, not absolute";
  if (value.includes("\\")) return "must use '/' between folders, not '\\'";
  const segments = value.replace(/^\.\/+/, "").replace(/\/+$/, "").split("/");
  if (segments.includes("..")) return "must not contain '..': a path may not leave the repository";
  if (!new RegExp(REPOSITORY_PATH_PATTERN).test(value.replace(/^\.\/+(?=.)/, ""))) {
    return `must be a relative folder of letters, digits, '.', '_' and '-' separated by '/'; got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/**
 * A valid repository path as Argo CD and Git resolve it: `.` segments and trailing slashes
 * dropped (`./teams/./a/` is `teams/a`), `.` for the root. One spelling per folder, so
 * paths compare by string.
 */
export function normalizedRepositoryPath(value: string): string {
  return value.split("/").filter((segment) => segment !== "" && segment !== ".").join("/") || ".";
}

export function repositoryPath(): z.ZodString {
  return grammar(repositoryPathProblem, REPOSITORY_PATH_PATTERN);
}

/**
 * A Git branch, tag or commit as Argo CD's targetRevision: Git's ref-name rules (no
 * '..', no spaces or control characters, none of ~^:?*[\, not ending in '.lock' or '/').
 */
export const GIT_REVISION_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._/-]*$";

export function gitRevisionProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > 255) return `is ${value.length} characters long; at most 255`;
  if (value.includes("..") || value.endsWith("/") || value.endsWith(".lock") || value.includes("//") || !new RegExp(GIT_REVISION_PATTERN).test(value)) {
    return `must be a Git branch, tag or commit (letters, digits, '.', '_', '-', '/'; no '..', spaces or ~^:?*[\\); got ${JSON.stringify(value)}`;
  }
  return undefined;
}

export function gitRevision(): z.ZodString {
  return grammar(gitRevisionProblem, GIT_REVISION_PATTERN);
}

/** An HTTP path for probes: starts with '/', no spaces, quotes or control characters. */
export const HTTP_PATH_PATTERN = "^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$";

export function httpPathProblem(value: string): string | undefined {
  if (!value.startsWith("/")) return `must start with '/'; got ${JSON.stringify(value)}`;
  if (!new RegExp(HTTP_PATH_PATTERN).test(value)) return `must be an HTTP path without spaces, quotes, '?' or '#'; got ${JSON.stringify(value)}`;
  return undefined;
}

export function httpPath(): z.ZodString {
  return grammar(httpPathProblem, HTTP_PATH_PATTERN);
}

/**
 * A Kubernetes label (or taint) key: an optional DNS-subdomain prefix and '/', then a
 * name of at most 63 characters: alphanumerics, '-', '_', '.', starting and ending
 * alphanumeric.
 */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
export const LABEL_KEY_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

export function labelKeyProblem(value: string): string | undefined {
  const slash = value.lastIndexOf("/");
  const prefix = slash < 0 ? undefined : value.slice(0, slash);
  const name = slash < 0 ? value : value.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix.length > 253) return `prefix "${prefix}" is longer than 253 characters`;
    if (prefix.split(".").some((label) => dnsLabelProblem(label) !== undefined)) return `prefix "${prefix}" must be a lowercase DNS subdomain such as example.com`;
  }
  if (name.length === 0 || name.length > 63) return `name part "${name}" must have 1 to 63 characters`;
  if (!LABEL_NAME.test(name)) return `name part "${name}" must be alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  return undefined;
}

export function labelKey(): z.ZodString {
  return grammar(labelKeyProblem, LABEL_KEY_PATTERN);
}

export const LABEL_VALUE_PATTERN = "^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$";

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long; a label value has at most 63`;
  if (value.length > 0 && !LABEL_NAME.test(value)) return `must be empty or alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric; got ${JSON.stringify(value)}`;
  return undefined;
}

export function labelValue(): z.ZodString {
  return grammar(labelValueProblem, LABEL_VALUE_PATTERN);
}

/** A Prometheus label name (Alertmanager `group_by`), or `...` for "every label". */
export function prometheusLabelName(): z.ZodString {
  return z.string().regex(/^([a-zA-Z_][a-zA-Z0-9_]*|\.\.\.)$/, "must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*) or ...");
}

/** One part of a Secrets Manager secret name: its allowed characters, no leading or trailing '/'. */
export function secretsManagerNamePart(): z.ZodString {
  return z
    .string()
    .regex(/^[A-Za-z0-9_+=.@-]+(\/[A-Za-z0-9_+=.@-]+)*$/, "must be a Secrets Manager name: A-Z, a-z, 0-9 and /_+=.@- without a leading, trailing or double '/'")
    .max(256);
}

/**
 * A GitHub repository `owner/name`: owners are alphanumerics and single '-' (at most
 * 39), names alphanumerics, '.', '_', '-' (at most 100, not `.` or `..`).
 */
export function githubRepositoryProblem(value: string): string | undefined {
  const [owner, name, ...rest] = value.split("/");
  if (owner === undefined || name === undefined || rest.length > 0) return `must be owner/name such as example-org/api; got ${JSON.stringify(value)}`;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(owner)) return `owner "${owner}" must be a GitHub user or organisation (alphanumerics and single '-', at most 39)`;
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name) || name === "." || name === "..") return `name "${name}" must be a GitHub repository name (A-Z, a-z, 0-9, '.', '_', '-', at most 100, not . or ..)`;
  return undefined;
}

export function githubRepository(): z.ZodString {
  return grammar(githubRepositoryProblem, "^[A-Za-z0-9-]{1,39}/[A-Za-z0-9_.-]{1,100}$");
}

export interface CidrOptions {
  readonly minPrefix?: number;
  readonly maxPrefix?: number;
  readonly why?: string;
}

/** An IPv4 CIDR: four octets 0-255 and a prefix length, with no host bits set. */
export function cidrProblem(value: string, options: CidrOptions = {}): string | undefined {
  const match = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\/([0-9]{1,2})$/.exec(value);
  if (match === null) return `must be an IPv4 CIDR such as 10.0.0.0/16; got ${JSON.stringify(value)}`;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255)) return `has an octet above 255 in ${value}`;
  const min = options.minPrefix ?? 0;
  const max = options.maxPrefix ?? 32;
  if (prefix < min || prefix > max) return `prefix /${prefix} must be between /${min} and /${max}${options.why ? ` (${options.why})` : ""}`;
  const address = octets.reduce((total, octet) => total * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return `has host bits set; the network of ${value} is ${networkOf(address - (address % size))}/${prefix}`;
  return undefined;
}

function networkOf(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

export function cidr(options: CidrOptions = {}): z.ZodString {
  return grammar((value) => cidrProblem(value, options), "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$");
}

/**
 * Go's longest duration, 2^63-1 nanoseconds (2562047h47m16.854775807s). Go's
 * time.ParseDuration refuses anything longer ("invalid duration"), so a canary pause of
 * 99999999h passed the spec's pattern and then stalled the Rollout, and a Karpenter
 * expireAfter beyond it failed the NodePool.
 */
export const MAX_GO_DURATION_NANOS = 2n ** 63n - 1n;
const GO_UNIT_NANOS: Readonly<Record<string, bigint>> = { ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** Nanoseconds of a duration of whole numbers (`1h30m`, `750ms`), exactly; undefined for other text. */
export function goDurationNanos(value: string): bigint | undefined {
  if (!/^([0-9]+(ms|s|m|h))+$/.test(value)) return undefined;
  let nanos = 0n;
  for (const match of value.matchAll(/([0-9]+)(ms|s|m|h)/g)) nanos += BigInt(match[1]!) * GO_UNIT_NANOS[match[2]!]!;
  return nanos;
}

/** Why a Go duration is too long for Go to read, or undefined. */
export function goDurationRangeProblem(value: string): string | undefined {
  const nanos = goDurationNanos(value);
  if (nanos === undefined || nanos <= MAX_GO_DURATION_NANOS) return undefined;
  return `${value} is longer than Go's longest duration, 2562047h47m16s (the controller could not read it); choose a shorter one`;
}
