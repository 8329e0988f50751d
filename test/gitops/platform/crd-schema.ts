/**
 * Validates custom resources against the openAPIV3Schema of the upstream CRDs in
 * ../shared/crds, with ajv. Kubernetes extensions (x-kubernetes-*) are ignored and formats
 * are not checked; structure, types, enums and required fields are.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";
import { SHARED_CRDS_DIR } from "../../support/paths.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";

/** Schemas by `group/version/kind`; compiled on first use (the ApplicationSet schema alone takes seconds). */
const schemas = new Map<string, object>();
const validators = new Map<string, ValidateFunction>();
const loadedFolders = new Set<string>();
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });

function load(folder: string): void {
  if (loadedFolders.has(folder)) return;
  loadedFolders.add(folder);
  const directory = join(SHARED_CRDS_DIR, folder);
  for (const file of readdirSync(directory).filter((name) => name.endsWith(".yaml"))) {
    for (const document of parseAllDocuments(readFileSync(join(directory, file), "utf8"))) {
      const crd = document.toJS() as {
        kind?: string;
        spec?: { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema: object } }[] };
      };
      if (crd?.kind !== "CustomResourceDefinition" || crd.spec === undefined) continue;
      for (const version of crd.spec.versions) {
        if (version.schema === undefined) continue;
        schemas.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
      }
    }
  }
}

/** Schema errors of the object (empty when valid); throws when no CRD serves its apiVersion/kind. */
export function crdErrors(folder: string, object: KubeObject): string[] {
  load(folder);
  const key = `${object.apiVersion}/${object.kind}`;
  const schema = schemas.get(key);
  if (schema === undefined) throw new Error(`no CRD in ${folder} serves ${object.apiVersion} ${object.kind}`);
  const validate = validators.get(key) ?? ajv.compile(schema);
  validators.set(key, validate);
  return validate(object) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`);
}
