/**
 * Assembles the whole GitOps repository from the generators and adds a
 * `kustomization.yaml` to every folder, so each folder builds with kustomize on its own
 * and the root builds the whole platform.
 */
import { posix } from "node:path";
import { toYaml, toYamlStream } from "../manifest/serialize.js";
import { objectKey } from "../manifest/kube-object.js";
import { platformNames } from "../platform-spec/names.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { isManifestFile, type GitOpsFile, type GitOpsGenerator, type SynthContext } from "./gitops-file.js";
import { GENERATORS } from "./generators.js";
import { SlipwayError } from "../errors.js";
import { teamApplicationPathReport } from "./argocd/team-application-paths.js";
import { assertWithinCapabilityLimits, isEksCapability, retargetToClusterArn } from "./argocd/eks-capability.js";

/** Rendered repository: path → file content, sorted by path. */
export type RenderedTree = ReadonlyMap<string, string>;

export function synthesizeGitOps(spec: PlatformSpec, generators: readonly GitOpsGenerator[] = GENERATORS): RenderedTree {
  const context: SynthContext = { spec, names: platformNames(spec) };
  const generated = generators.flatMap((generate) => generate(context));
  const files = isEksCapability(spec) ? retargetToClusterArn(generated, context.names) : generated;
  if (isEksCapability(spec)) assertWithinCapabilityLimits(files);
  assertUnique(files);
  const rendered = new Map<string, string>();
  for (const file of files) {
    rendered.set(file.path, isManifestFile(file) ? toYamlStream(file.objects) : file.content);
  }
  for (const [path, content] of kustomizations(files)) rendered.set(path, content);
  assertTeamFoldersOutsideTree(spec, rendered.keys());
  return new Map([...rendered.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A team Application reading a folder Slipway writes is a spec error (team-application-paths.ts). */
function assertTeamFoldersOutsideTree(spec: PlatformSpec, paths: Iterable<string>): void {
  const { errors } = teamApplicationPathReport(spec, paths);
  if (errors.length === 0) return;
  throw new SlipwayError("SPEC_INVALID", `the platform spec is invalid (${errors.length} problem${errors.length === 1 ? "" : "s"}); nothing was written`, {
    where: "teams.<team>.applications",
    problems: errors.map((problem) => `${problem.path.join(".")}: ${problem.message}`),
    fix: "give each team Application a folder of its own in the GitOps repository, outside the folders Slipway writes",
  });
}

function assertUnique(files: readonly GitOpsFile[]): void {
  const paths = new Set<string>();
  const objects = new Map<string, string>();
  for (const file of files) {
    if (paths.has(file.path)) throw new Error(`two generators write ${file.path}`);
    paths.add(file.path);
    if (!isManifestFile(file)) continue;
    for (const object of file.objects) {
      const key = objectKey(object);
      const previous = objects.get(key);
      if (previous !== undefined) throw new Error(`${key} is generated twice: in ${previous} and ${file.path}`);
      objects.set(key, file.path);
    }
  }
}

/**
 * One kustomization per folder: its manifest files and the subfolders that hold
 * manifests. Text files (Helm values, docs) are not resources and are left out.
 */
function kustomizations(files: readonly GitOpsFile[]): Map<string, string> {
  const resources = new Map<string, Set<string>>();
  const add = (folder: string, entry: string) => {
    const set = resources.get(folder) ?? new Set<string>();
    set.add(entry);
    resources.set(folder, set);
  };
  for (const file of files) {
    if (!isManifestFile(file) || file.objects.length === 0) continue;
    let folder = posix.dirname(file.path);
    add(folder, posix.basename(file.path));
    while (folder !== ".") {
      const parent = posix.dirname(folder);
      add(parent, posix.basename(folder));
      folder = parent;
    }
  }
  const result = new Map<string, string>();
  for (const [folder, entries] of resources) {
    const path = folder === "." ? "kustomization.yaml" : `${folder}/kustomization.yaml`;
    result.set(
      path,
      toYaml({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: [...entries].sort() }, { canonical: false }),
    );
  }
  return result;
}
