/**
 * The name grammars of Kubernetes (k8s.io/apimachinery `pkg/util/validation` and
 * `pkg/api/validation/path`), with upstream's exact messages, so a finding reads like the
 * API server's rejection. Each function returns every problem of the value (upstream
 * lists them all), an empty list when it is valid.
 *
 * Kept free of zod and of any other import: the checker loads it on every run.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PORT_NAME_CHARACTERS = /^[-a-z0-9]+$/;
const PORT_NAME_LETTER = /[a-z]/;

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** Total size of an object's annotations, keys and values (upstream's TotalAnnotationSizeLimitB). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const DNS1123_LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_LABEL_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function maxLength(max: number): string {
  return `must be no more than ${max} characters`;
}

/**
 * The limit of a label key's name part and of a label value: 1.35 words it in bytes (checked
 * against kube-apiserver v1.35.4), the DNS names keep "characters". Values past the limit are
 * ASCII-only anyway, or refused for their characters too.
 */
function maxBytes(max: number): string {
  return `must be no more than ${max} bytes`;
}

export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) problems.push(maxLength(DNS1123_LABEL_MAX_LENGTH));
  // IsDNS1123Label: a value the label grammar refuses but the subdomain one takes can only hold dots (the length is checked above).
  if (!DNS1123_LABEL.test(value)) problems.push(DNS1123_SUBDOMAIN.test(value) ? "must not contain dots" : DNS1123_LABEL_MESSAGE);
  return problems;
}

export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN.test(value)) problems.push(DNS1123_SUBDOMAIN_MESSAGE);
  return problems;
}

const WILDCARD_DNS1123_SUBDOMAIN = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_DNS1123_SUBDOMAIN_MESSAGE =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** A wildcard host such as `*.example.com` (IsWildcardDNS1123Subdomain). */
export function wildcardDns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!WILDCARD_DNS1123_SUBDOMAIN.test(value)) problems.push(WILDCARD_DNS1123_SUBDOMAIN_MESSAGE);
  return problems;
}

export function dns1035LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) problems.push(maxLength(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL.test(value)) problems.push(DNS1035_LABEL_MESSAGE);
  return problems;
}

/** A label or annotation key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function qualifiedNameProblems(value: string): string[] {
  const parts = value.split("/");
  let name: string;
  const problems: string[] = [];
  if (parts.length === 1) {
    name = value;
  } else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) problems.push("prefix part must be non-empty");
    else problems.push(...dns1123SubdomainProblems(prefix).map((problem) => `prefix part ${problem}`));
  } else {
    return [`a qualified name ${QUALIFIED_NAME_MESSAGE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`];
  }
  if (name.length === 0) problems.push("name part must be non-empty");
  else if (name.length > DNS1123_LABEL_MAX_LENGTH) problems.push(`name part ${maxBytes(DNS1123_LABEL_MAX_LENGTH)}`);
  // IsQualifiedName tests the pattern on an empty name too: "a/" gets both messages (kube-apiserver v1.35.4, a label key "a/").
  if (!QUALIFIED_NAME_PART.test(name)) problems.push(`name part ${QUALIFIED_NAME_MESSAGE} (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
  return problems;
}

export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) problems.push(maxBytes(DNS1123_LABEL_MAX_LENGTH));
  if (!LABEL_VALUE.test(value)) problems.push(LABEL_VALUE_MESSAGE);
  return problems;
}

/** A port name (IANA_SVC_NAME, RFC 6335): container ports and named targetPorts. */
export function portNameProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 15) problems.push(maxLength(15));
  if (!PORT_NAME_CHARACTERS.test(value)) problems.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (value.includes("--")) problems.push("must not contain consecutive hyphens");
  if (!PORT_NAME_LETTER.test(value)) problems.push("must contain at least one letter (a-z)");
  if (value.startsWith("-") || value.endsWith("-")) problems.push("must not begin or end with a hyphen");
  return problems;
}

/** A name that is one segment of an API path (RBAC objects): anything but '.', '..', '/' and '%'. */
export function pathSegmentNameProblems(value: string): string[] {
  if (value === "." || value === "..") return [`may not be '${value}'`];
  const problems: string[] = [];
  for (const forbidden of ["/", "%"]) if (value.includes(forbidden)) problems.push(`may not contain '${forbidden}'`);
  return problems;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** A key of a ConfigMap's or Secret's data (it becomes a file name when mounted). */
export function configKeyProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!CONFIG_KEY.test(value)) problems.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  if (value === ".") problems.push("must not be '.'");
  else if (value === "..") problems.push("must not be '..'");
  else if (value.startsWith("..")) problems.push("must not start with '..'");
  return problems;
}
