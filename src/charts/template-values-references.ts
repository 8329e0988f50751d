/**
 * The values paths a chart's template source reads, found textually (Helm templates are
 * Go templates; Slipway does not evaluate them): `.Values.a.b`, `dig "b" "c" "" .Values.a`,
 * `index .Values.a "b"`, and which of them are passed whole to `toYaml` (directly, through
 * a pipe, or as `{{ with .Values.a }}…{{ toYaml . }}`) or iterated with `range` (every key
 * of the map is passed on, as Grafana's chart writes each `grafana.ini` section and setting
 * into the ini file), whose content is then free-form.
 * Values files count as template source too: charts such as Loki and Tempo build their
 * configuration from a `tpl` string in values.yaml.
 */

export interface ValuesReferences {
  /** Paths read, as segments. */
  readonly read: readonly (readonly string[])[];
  /** Paths rendered whole with toYaml: anything below them is accepted. */
  readonly whole: readonly (readonly string[])[];
}

const PATH = String.raw`((?:\.[A-Za-z_][A-Za-z0-9_]*)*)`;
const VALUES = String.raw`\$?\.Values`;
const PLAIN = new RegExp(`${VALUES}${PATH}`, "g");
const DIG = new RegExp(String.raw`\bdig((?:\s+"[^"]*")+)(\s+[^\s"()]+)?\s+${VALUES}${PATH}`, "g");
const INDEX = new RegExp(String.raw`\bindex\s+${VALUES}${PATH}((?:\s+"[^"]*")+)`, "g");
const TO_YAML = new RegExp(String.raw`toYaml\s+\(?\s*${VALUES}${PATH}|${VALUES}${PATH}\s*\|\s*toYaml`, "g");
const RANGE = new RegExp(String.raw`\brange\s+(?:\$[A-Za-z0-9_]*\s*(?:,\s*\$[A-Za-z0-9_]*\s*)?:=\s*)?\(?\s*(?:index\s+${VALUES}${PATH}((?:\s+"[^"]*")+)|${VALUES}${PATH})`, "g");
const WITH_TO_YAML = new RegExp(String.raw`\{\{-?\s*with\s+${VALUES}${PATH}\s*-?\}\}[^{]*\{\{-?[^}]*?(?:toYaml\s+\.(?=[\s)}|])|[\s(]\.\s*\|\s*toYaml)`, "g");

export function templateValuesReferences(source: string): ValuesReferences {
  const read: string[][] = [];
  const whole: string[][] = [];
  for (const match of source.matchAll(PLAIN)) if (match[1]) read.push(segments(match[1]));
  for (const match of source.matchAll(DIG)) {
    const quoted = quotedArguments(match[1]!);
    // Without an unquoted default, the last quoted argument is the default, not a key.
    const keys = match[2] === undefined ? quoted.slice(0, -1) : quoted;
    read.push([...segments(match[3] ?? ""), ...keys]);
  }
  for (const match of source.matchAll(INDEX)) read.push([...segments(match[1] ?? ""), ...quotedArguments(match[2]!)]);
  for (const match of source.matchAll(TO_YAML)) {
    const path = match[1] ?? match[2];
    if (path) whole.push(segments(path));
  }
  for (const match of source.matchAll(RANGE)) {
    const path = match[3] !== undefined ? segments(match[3]) : [...segments(match[1] ?? ""), ...quotedArguments(match[2] ?? "")];
    // Read already by the plain or index pattern; ranging makes it whole.
    if (path.length > 0) whole.push(path);
  }
  for (const match of source.matchAll(WITH_TO_YAML)) if (match[1]) whole.push(segments(match[1]));
  return { read: read.filter((path) => path.length > 0), whole };
}

function segments(path: string): string[] {
  return path.split(".").filter((segment) => segment !== "");
}

function quotedArguments(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
}
