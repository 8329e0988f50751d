/**
 * Writes the checker's built-in schemas in kubeconform's on-disk layout
 * (`<dir>/v<release>-standalone-strict/<kind>-<group>-<version>.json`), each a
 * self-contained draft-07 schema with the definitions it reaches. Converted by the same
 * code the checker uses, so kubeconform and Slipway validate against identical schemas
 * (the benchmark's premise).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { customResourceJsonSchema, type CustomResourceVersion } from "./custom-resource-schemas.js";
import { kubernetesSchemaBundle } from "./kubernetes-schema-bundle.js";
import { definitionsToJsonSchema, reachableDefinitions } from "./to-json-schema.js";

export interface KubeconformLayout {
  /** Pass as `-schema-location`. */
  readonly schemaLocation: string;
  /** Pass as `-kubernetes-version`. */
  readonly kubernetesVersion: string;
  readonly files: number;
}

/** kubeconform's `{{ .ResourceKind }}{{ .KindSuffix }}.json` for an apiVersion/kind. */
export function kubeconformFileName(apiVersion: string, kind: string): string {
  const [groupOrVersion = "", version] = apiVersion.split("/");
  const suffix = `-${groupOrVersion.split(".")[0]?.toLowerCase()}${version ? `-${version.toLowerCase()}` : ""}`;
  return `${kind.toLowerCase()}${suffix}.json`;
}

export function writeKubeconformSchemas(directory: string, minor: string): KubeconformLayout {
  const bundle = kubernetesSchemaBundle(minor);
  const definitions = definitionsToJsonSchema(bundle.definitions);
  const release = bundle.release.replace(/^v/, "");
  const folder = join(directory, `v${release}-standalone-strict`);
  mkdirSync(folder, { recursive: true });
  let files = 0;
  for (const [key, definition] of Object.entries(bundle.index)) {
    const kind = key.slice(key.lastIndexOf("/") + 1);
    const apiVersion = key.slice(0, key.lastIndexOf("/"));
    const reachable = reachableDefinitions(definition, definitions);
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $ref: `#/definitions/${definition}`,
      definitions: Object.fromEntries(reachable.map((name) => [name, definitions[name]])),
    };
    writeFileSync(join(folder, kubeconformFileName(apiVersion, kind)), JSON.stringify(schema));
    files += 1;
  }
  return { schemaLocation: directory, kubernetesVersion: release, files };
}

/**
 * Writes custom resource schemas next to the built-in ones, in the same layout and from
 * the same conversion the checker uses, so kubeconform validates custom resources
 * against exactly Slipway's CRD schemas (the real-world benchmark's premise).
 */
export function writeKubeconformCustomResourceSchemas(layout: KubeconformLayout, customResources: ReadonlyMap<string, CustomResourceVersion>): number {
  const folder = join(layout.schemaLocation, `v${layout.kubernetesVersion}-standalone-strict`);
  mkdirSync(folder, { recursive: true });
  let files = 0;
  for (const version of customResources.values()) {
    const schema = customResourceJsonSchema(version);
    if (schema === undefined || !version.served) continue;
    writeFileSync(join(folder, kubeconformFileName(`${version.group}/${version.version}`, version.kind)), JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", ...schema }));
    files += 1;
  }
  return files;
}
