/**
 * The add-on Applications of the spec: each enabled add-on of the catalog, with the
 * spec's `addons.<name>.version` as the chart version and `addons.<name>.values` merged
 * over the platform's values (see merge-values.ts).
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { isManifestFile, type GitOpsFile, type GitOpsGenerator } from "../gitops-file.js";
import { ADDONS, addonEnabled, type AddonDefinition } from "./catalog.js";
import { SlipwayError } from "../../errors.js";
import { mergeValues, nullsOverPlatformValues, type Values } from "./merge-values.js";

export { ADDONS, ADDON_NAMES, addonEnabled, type AddonName } from "./catalog.js";

function withOverrides(spec: PlatformSpec, definition: AddonDefinition, files: GitOpsFile[]): GitOpsFile[] {
  const override = spec.addons[definition.name];
  let found = false;
  const result = files.map((file) => {
    if (!isManifestFile(file)) return file;
    return {
      ...file,
      objects: file.objects.map((object): KubeObject => {
        if (object.kind !== "Application" || object.metadata.name !== definition.name) return object;
        found = true;
        const applicationSpec = object.spec as { source: { targetRevision: string; helm: { valuesObject: Values } } };
        assertNoNullOverPlatformValues(definition.name, applicationSpec.source.helm.valuesObject, override.values ?? {});
        const source = {
          ...applicationSpec.source,
          targetRevision: override.version ?? applicationSpec.source.targetRevision,
          helm: { ...applicationSpec.source.helm, valuesObject: mergeValues(applicationSpec.source.helm.valuesObject, override.values ?? {}) },
        };
        return { ...object, spec: { ...applicationSpec, source } };
      }),
    };
  });
  // The catalog's name is the Application's name; a generator that disagrees is a bug, not a user error.
  if (!found && files.length > 0) throw new Error(`add-on ${definition.name} generated no Application named ${definition.name}`);
  return result;
}

function assertNoNullOverPlatformValues(name: string, platform: Values, override: Values): void {
  const removed = nullsOverPlatformValues(platform, override);
  if (removed.length === 0) return;
  throw new SlipwayError("SPEC_INVALID", `the platform spec is invalid (${removed.length} problem${removed.length === 1 ? "" : "s"}); nothing was written`, {
    where: `addons.${name}.values`,
    problems: removed.map(
      (path) =>
        `addons.${name}.values.${path.join(".")}: null would delete what the platform sets there (Helm drops a null key), and the platform's other parts rely on it; set the value you want instead (null stays allowed for keys only the chart's defaults set)`,
    ),
    fix: "replace the null with the value you want; docs/gitops-addons.md lists what the platform sets",
  });
}

export const addonsGenerator: GitOpsGenerator = (context) =>
  ADDONS.filter((definition) => addonEnabled(context.spec, definition.name)).flatMap((definition) =>
    withOverrides(context.spec, definition, definition.generate(context)),
  );

export const ADDONS_GENERATORS: readonly GitOpsGenerator[] = [addonsGenerator];
