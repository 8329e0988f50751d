/**
 * The bundled CRDs of the add-ons the platform pins (`src/generated/platform-crds.json`,
 * written by `scripts/generate-platform-crds.ts`): `slipway check` knows Argo CD's,
 * Karpenter's, External Secrets'... kinds with no option and no network. The bundle is
 * read once, and only when the input has objects of kinds Kubernetes does not build in;
 * only the CRDs of those kinds are handed on (and so converted and compiled).
 */
import { readFileSync } from "node:fs";
import { SlipwayError } from "../../errors.js";
import type { CustomResourceDefinitionSource } from "./custom-resource-schemas.js";

export interface PlatformCrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly deprecated?: boolean;
  readonly deprecationWarning?: string;
  /** The version's openAPIV3Schema without descriptions. */
  readonly schema?: Record<string, unknown>;
}

export interface PlatformCrd {
  readonly group: string;
  readonly kind: string;
  readonly versions: readonly PlatformCrdVersion[];
}

/** Where one add-on's CRDs came from, and the version the platform pins. */
export interface PlatformCrdSource {
  readonly addon: string;
  readonly origin: string;
  readonly version: string;
  readonly pinned: string;
  readonly crds?: number;
}

export interface PlatformCrdBundle {
  readonly generatedBy: string;
  readonly sources: readonly PlatformCrdSource[];
  /** Sorted by `group/kind`. */
  readonly crds: readonly PlatformCrd[];
}

/** Resolved from the repository root, so it works from `src/` and from `dist/` alike. */
export const PLATFORM_CRDS_FILE = new URL("../../../src/generated/platform-crds.json", import.meta.url);

let bundle: { readonly byKind: ReadonlyMap<string, PlatformCrd>; readonly origin: string } | undefined;

function load(): NonNullable<typeof bundle> {
  if (bundle !== undefined) return bundle;
  let parsed: PlatformCrdBundle;
  try {
    parsed = JSON.parse(readFileSync(PLATFORM_CRDS_FILE, "utf8")) as PlatformCrdBundle;
  } catch (error) {
    throw new SlipwayError("TOOL_UNAVAILABLE", "cannot read the bundled add-on CRDs", { where: PLATFORM_CRDS_FILE.pathname, fix: "run npx tsx scripts/generate-platform-crds.ts", cause: error });
  }
  bundle = { byKind: new Map(parsed.crds.map((crd) => [`${crd.group}/${crd.kind}`, crd])), origin: "<bundled add-on CRDs>" };
  return bundle;
}

/** Every `group/Kind` the bundle defines. */
export function platformCrdKinds(): string[] {
  return [...load().byKind.keys()];
}

/**
 * The bundled CRDs of `kinds` (`group/Kind`), as CRD documents the schema step reads like
 * any other; CRDs from `--crds` and from the input come later and so override them.
 */
export function platformCrds(kinds: ReadonlySet<string>): CustomResourceDefinitionSource[] {
  if (kinds.size === 0) return [];
  const { byKind, origin } = load();
  const result: CustomResourceDefinitionSource[] = [];
  for (const key of [...kinds].sort()) {
    const crd = byKind.get(key);
    if (crd === undefined) continue;
    result.push({
      file: origin,
      document: {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        spec: {
          group: crd.group,
          names: { kind: crd.kind },
          versions: crd.versions.map((version) => ({ ...version, ...(version.schema ? { schema: { openAPIV3Schema: version.schema } } : {}) })),
        },
      },
    });
  }
  return result;
}
