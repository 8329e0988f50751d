/**
 * CustomResourceDefinitions for tests: the parts every CRD repeats (apiVersion, kind,
 * metadata.name, group, names, scope, served and storage versions) built once, so a test
 * writes only the schema it is about. `crd` gives the object, `crdYaml` the YAML text of
 * a file; a schema given as YAML text is kept as written (folded strings, flow maps), so
 * tests of the YAML parsers still see it.
 */
import { parse } from "yaml";
import type { KubeObject } from "../../src/manifest/kube-object.js";

/** A version's openAPIV3Schema: an object, or YAML text (indented from column 0). */
export type CrdSchema = Record<string, unknown> | string;

export interface CrdVersionOptions {
  readonly name: string;
  /** @default true */
  readonly served?: boolean;
  /** @default true for the first served version */
  readonly storage?: boolean;
  /** @default none (a version without a schema) */
  readonly schema?: CrdSchema;
}

export interface CrdOptions {
  readonly kind: string;
  /** @default "example.com" */
  readonly group?: string;
  /** @default the kind in lower case, with an s */
  readonly plural?: string;
  /** @default "Namespaced" */
  readonly scope?: "Namespaced" | "Cluster";
  /** @default one version, v1, served and stored, with `schema` */
  readonly versions?: readonly CrdVersionOptions[];
  /** The schema of the default version v1 (ignored when `versions` is given). */
  readonly schema?: CrdSchema;
}

interface ResolvedVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly schema?: CrdSchema;
}

function resolve(options: CrdOptions) {
  const group = options.group ?? "example.com";
  const plural = options.plural ?? `${options.kind.toLowerCase()}s`;
  const given = options.versions ?? [{ name: "v1", ...(options.schema === undefined ? {} : { schema: options.schema }) }];
  const stored = given.find((version) => version.storage === true) ?? given.find((version) => version.served !== false);
  const versions: ResolvedVersion[] = given.map((version) => ({
    name: version.name,
    served: version.served ?? true,
    storage: version.storage ?? version === stored,
    ...(version.schema === undefined ? {} : { schema: version.schema }),
  }));
  return { group, plural, scope: options.scope ?? "Namespaced", versions };
}

/** The CRD as an object (what a loader or generator would hand over). */
export function crd(options: CrdOptions): KubeObject {
  const { group, plural, scope, versions } = resolve(options);
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind: options.kind, plural },
      scope,
      versions: versions.map(({ schema, ...version }) => ({
        ...version,
        ...(schema === undefined ? {} : { schema: { openAPIV3Schema: typeof schema === "string" ? (parse(schema) as unknown) : schema } }),
      })),
    },
  };
}

/** The CRD as the YAML text of a file. */
export function crdYaml(options: CrdOptions): string {
  const { group, plural, scope, versions } = resolve(options);
  const lines = [
    "apiVersion: apiextensions.k8s.io/v1",
    "kind: CustomResourceDefinition",
    "metadata:",
    `  name: ${plural}.${group}`,
    "spec:",
    `  group: ${group}`,
    `  names: {kind: ${options.kind}, plural: ${plural}}`,
    `  scope: ${scope}`,
    "  versions:",
  ];
  for (const version of versions) {
    lines.push(`    - name: ${version.name}`, `      served: ${version.served}`, `      storage: ${version.storage}`);
    if (typeof version.schema === "string") lines.push("      schema:", "        openAPIV3Schema:", ...version.schema.trimEnd().split("\n").map((line) => (line === "" ? "" : `          ${line}`)));
    else if (version.schema !== undefined) lines.push("      schema:", `        openAPIV3Schema: ${JSON.stringify(version.schema)}`);
  }
  return `${lines.join("\n")}\n`;
}
