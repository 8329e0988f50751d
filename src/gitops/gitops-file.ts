/**
 * What a GitOps generator returns: files of the repository, each either Kubernetes
 * objects (serialized canonically) or literal text (values files, READMEs).
 */
import { normalizedRepositoryPath } from "../platform-spec/grammars.js";
import type { PlatformNames } from "../platform-spec/names.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import type { KubeObject } from "../manifest/kube-object.js";

export interface ManifestFile {
  /** Path inside the GitOps repository, `/`-separated, e.g. `platform/karpenter/nodepools.yaml`. */
  readonly path: string;
  readonly objects: readonly KubeObject[];
}

export interface TextFile {
  readonly path: string;
  readonly content: string;
}

export type GitOpsFile = ManifestFile | TextFile;

export function isManifestFile(file: GitOpsFile): file is ManifestFile {
  return "objects" in file;
}

export interface SynthContext {
  readonly spec: PlatformSpec;
  readonly names: PlatformNames;
}

/** A generator is a pure function of the spec: no I/O, no clock, no randomness. */
export type GitOpsGenerator = (context: SynthContext) => GitOpsFile[];

/**
 * Path of a repository folder as Argo CD sees it (`spec.source.path`): the GitOps tree may
 * live below `gitops.path` in the user's repository.
 */
export function repoPath(spec: PlatformSpec, folder: string): string {
  const base = normalizedRepositoryPath(spec.gitops.path);
  return base === "." ? folder : `${base}/${folder}`;
}
