/**
 * The generated bundle of built-in Kubernetes schemas for one minor version
 * (`src/generated/kubernetes-schemas/v<minor>.json`, written by
 * `scripts/generate-kubernetes-schemas.ts`). Read from disk once per version, lazily:
 * a check that never meets a built-in kind never pays for it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { SlipwayError } from "../../errors.js";
import { KUBERNETES } from "../../versions.js";

/** An OpenAPI v3 schema object as Kubernetes publishes it (the subset validation uses). */
export type OpenApiSchema = Record<string, unknown>;

export interface KubernetesSchemaBundle {
  readonly generatedBy: string;
  /** Minor version, e.g. "1.35". */
  readonly kubernetesVersion: string;
  /** The `k8s.io/kubernetes` release the schemas come from, e.g. "v1.35.4". */
  readonly release: string;
  /** `apiVersion/kind` (`apps/v1/Deployment`, `v1/Pod`) → definition name. */
  readonly index: Readonly<Record<string, string>>;
  /** Definition name → schema; references are `#/definitions/<name>`. */
  readonly definitions: Readonly<Record<string, OpenApiSchema>>;
}

export function bundleFileName(minor: string): string {
  return `v${minor}.json`;
}

/**
 * Resolved from the repository root so the same relative path works from `src/` (tsx,
 * vitest) and from `dist/` (the built CLI): both are two folders below it.
 */
const BUNDLE_DIRECTORY = new URL("../../../src/generated/kubernetes-schemas/", import.meta.url);

const bundles = new Map<string, KubernetesSchemaBundle>();
const fingerprints = new Map<string, string>();

/** Kubernetes minor versions the checker has schemas for, oldest first (1.9 before 1.10). */
export function schemaVersions(): string[] {
  const minor = (version: string) => Number(version.slice(version.indexOf(".") + 1));
  return Object.keys(KUBERNETES.schemaRelease).sort((a, b) => Number(a.split(".")[0]) - Number(b.split(".")[0]) || minor(a) - minor(b));
}

export function kubernetesSchemaBundle(minor: string): KubernetesSchemaBundle {
  const cached = bundles.get(minor);
  if (cached) return cached;
  if (KUBERNETES.schemaRelease[minor] === undefined) {
    throw new SlipwayError("USAGE", `no Kubernetes schemas for version ${minor}`, {
      fix: `use --k8s-version ${schemaVersions().join(" or ")}, or add the release to KUBERNETES.schemaRelease in src/versions.ts and run npx tsx scripts/generate-kubernetes-schemas.ts`,
    });
  }
  const url = new URL(bundleFileName(minor), BUNDLE_DIRECTORY);
  let bundle: KubernetesSchemaBundle;
  try {
    const text = readFileSync(url, "utf8");
    bundle = JSON.parse(text) as KubernetesSchemaBundle;
    fingerprints.set(minor, createHash("sha256").update(text).digest("hex").slice(0, 32));
  } catch (error) {
    throw new SlipwayError("TOOL_UNAVAILABLE", `cannot read the Kubernetes ${minor} schema bundle`, {
      where: url.pathname,
      fix: "run npx tsx scripts/generate-kubernetes-schemas.ts",
      cause: error,
    });
  }
  bundles.set(minor, bundle);
  return bundle;
}

/** Hash of a version's bundle file: stands for its definitions in the compiled-validator cache. */
export function kubernetesSchemaBundleFingerprint(minor: string): string {
  kubernetesSchemaBundle(minor);
  return fingerprints.get(minor) as string;
}
