/**
 * YAML as Kubernetes reads it. kubectl and the API server decode YAML with
 * sigs.k8s.io/yaml, which parses with go-yaml v2: YAML 1.1 scalars, merge keys. So an
 * unquoted `yes`, `n`, `on` or `OFF` is a boolean, `0755` is the octal number 493, and
 * `<<: *base` merges a mapping. The checker must read manifests the same way, or it
 * passes a label `backup: yes` that kubectl rejects (`cannot unmarshal bool into Go struct
 * field ObjectMeta.metadata.labels of type string`) and misses `privileged: on`.
 *
 * go-yaml v2 departs from the YAML 1.1 type library in three places, followed here:
 * timestamps stay strings when decoded into interface{} (its "backward compatibility"
 * branch), there are no sexagesimal numbers (`1:30` is a string), and integers are read
 * by Go's strconv.ParseInt with base 0 after removing underscores (so `0o17` and `0B11`
 * are numbers too, and a float is only what `yamlStyleFloat` matches: `.` is a string).
 *
 * This module only builds options for the `yaml` package (loaded lazily by its users):
 * the checker parses with them, and synth writes with them (`serialize.ts`), so a string
 * label "yes" is written quoted. The checker's fast parser (`check/load/fast-yaml.ts`)
 * resolves plain scalars the same way, and a differential test holds the two together.
 */
import type { ParseOptions, DocumentOptions, SchemaOptions, ToJSOptions } from "yaml";

type ScalarTagLike = {
  readonly tag: string;
  readonly format?: string;
  readonly test?: RegExp;
  readonly default?: boolean;
  identify?(value: unknown): boolean;
  resolve(source: string): unknown;
};

/** go-yaml v2: `strconv.ParseInt(strings.Replace(in, "_", "", -1), 0, 64)`. */
const GO_INTEGER: ScalarTagLike = {
  tag: "tag:yaml.org,2002:int",
  default: true,
  identify: (value) => typeof value === "bigint" || Number.isInteger(value),
  test: /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$/,
  resolve: parseGoInteger,
};

/** go-yaml v2's `yamlStyleFloat` (after removing underscores), plus .inf and .nan. */
const GO_FLOAT: ScalarTagLike = {
  tag: "tag:yaml.org,2002:float",
  default: true,
  identify: (value) => typeof value === "number",
  test: /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  resolve: (source) => Number.parseFloat(source.replace(/_/g, "")),
};

/** What the YAML 1.1 type library has and go-yaml v2 does not apply (see the header). */
const NOT_IN_GO_YAML = new Set(["TIME"]);
const REPLACED_TAGS = new Set(["tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"]);

/**
 * The schema half: with `parse`, scalars resolve as Kubernetes resolves them; with
 * `stringify`, every string Kubernetes would read as another type (`"yes"`, `"0755"`,
 * `"on"`) is quoted, because the stringifier quotes a string that any tag would claim.
 */
export const KUBERNETES_YAML_SCHEMA: DocumentOptions & SchemaOptions = {
  version: "1.1",
  merge: true,
  customTags: (tags) => {
    const kept = tags.filter((tag) => {
      const { tag: name, format, test } = tag as ScalarTagLike;
      if (REPLACED_TAGS.has(name) || (format !== undefined && NOT_IN_GO_YAML.has(format))) return false;
      // The 1.1 library's own float forms (`1.`, `.`, `1_0.5e3`) give way to go-yaml's; .inf/.nan stay.
      return !(name === "tag:yaml.org,2002:float" && test !== undefined && !test.source.includes("inf"));
    });
    return [...kept, GO_INTEGER, GO_FLOAT] as typeof tags;
  },
};

/** Options for the `yaml` package's `parse` that read a manifest as Kubernetes does. */
export const KUBERNETES_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
  ...KUBERNETES_YAML_SCHEMA,
  prettyErrors: false,
  // Warnings (an unresolved `!!binary`) are no findings and must not reach the terminal.
  logLevel: "error",
  // Alias bombs: a few thousand references are plenty for any real manifest.
  maxAliasCount: 1000,
};

/** Go's base-0 integer syntax: 0x, 0o, 0b prefixes, a leading 0 for octal. */
export function parseGoInteger(source: string): number | string {
  const text = source.replace(/_/g, "");
  const negative = text.startsWith("-");
  const unsigned = text.startsWith("-") || text.startsWith("+") ? text.slice(1) : text;
  const prefix = unsigned.slice(0, 2).toLowerCase();
  let value: number;
  if (prefix === "0x") value = Number.parseInt(unsigned.slice(2), 16);
  else if (prefix === "0o") value = Number.parseInt(unsigned.slice(2), 8);
  else if (prefix === "0b") value = Number.parseInt(unsigned.slice(2), 2);
  // `08` is no octal: Go's ParseInt fails and go-yaml reads it as the float 8.
  else if (unsigned.length > 1 && unsigned.startsWith("0") && /^[0-7]+$/.test(unsigned)) value = Number.parseInt(unsigned, 8);
  else value = Number.parseInt(unsigned, 10);
  // `0x_` or `0b` alone: not a number for Go either.
  if (Number.isNaN(value)) return source;
  return negative ? -value : value;
}
