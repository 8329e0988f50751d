/**
 * Validates generated objects the way `slipway check` does: built-in kinds against the
 * Kubernetes schema of the target version, custom resources against the upstream CRDs in
 * ../shared/crds. Returns one line per finding, so a test failure shows every problem.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import type { SourceObject } from "../../../src/check/finding.js";
import { customResourceVersions, type CustomResourceDefinitionSource } from "../../../src/check/schema/custom-resource-schemas.js";
import { validateSchemas } from "../../../src/check/schema/validate-schemas.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";
import { KUBERNETES } from "../../../src/versions.js";
import { SHARED_CRDS_DIR } from "../../support/paths.js";

function crdSources(): CustomResourceDefinitionSource[] {
  const sources: CustomResourceDefinitionSource[] = [];
  for (const folder of readdirSync(SHARED_CRDS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(SHARED_CRDS_DIR, folder.name)).filter((name) => name.endsWith(".yaml")).sort()) {
      const path = join(SHARED_CRDS_DIR, folder.name, file);
      for (const document of parseAllDocuments(readFileSync(path, "utf8"))) {
        const value = document.toJS() as Record<string, unknown> | null;
        if (value) sources.push({ document: value, file: path });
      }
    }
  }
  return sources;
}

let customResources: ReturnType<typeof customResourceVersions> | undefined;

export function schemaProblems(objects: readonly KubeObject[]): string[] {
  customResources ??= customResourceVersions(crdSources(), KUBERNETES.defaultVersion);
  const sources: SourceObject[] = objects.map((object, index) => ({
    document: JSON.parse(JSON.stringify(object)) as Record<string, unknown>,
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    file: "generated",
    documentIndex: index,
    line: 1,
  }));
  return validateSchemas(sources, { kubernetesVersion: KUBERNETES.defaultVersion, customResources }).map(
    (finding) => `${finding.ruleId} ${finding.object ?? ""}: ${finding.message}`,
  );
}
