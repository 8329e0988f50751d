/**
 * `argocd-source-path`: an Argo CD Application that reads a folder of the repository being
 * checked, where that folder does not exist. Argo CD then reports `ComparisonError: app path
 * does not exist` and syncs nothing; the loader used to skip such a folder without a word.
 *
 * Which repository the checked folder is cannot be read from the files, so it is inferred
 * the way the loader follows Applications: an Application whose source path is a folder of
 * an input root ties its `repoURL` to that root (directly, or through the root's own name
 * when the tree sits below the repository's root, as with `gitops.path`). Another
 * Application of the same `repoURL` whose path falls in that root but is not a folder there
 * is reported. Applications of other repositories, Helm charts and paths outside the root
 * are out of reach and say nothing.
 *
 * A warning, not an error: a tree Slipway synthesizes may name a folder a team commits
 * beside it later (docs/gitops-tenancy-and-applications.md); checked as pushed, it is the
 * Application Argo CD will fail to sync.
 */
import { statSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { describeObject, type Finding, type SourceObject } from "../finding.js";

export const SOURCE_PATH_RULE_ID = "argocd-source-path";

interface FolderSource {
  readonly application: SourceObject;
  readonly repoURL: string;
  readonly path: string;
}

function folderSources(objects: readonly SourceObject[]): FolderSource[] {
  const sources: FolderSource[] = [];
  for (const object of objects) {
    if (object.kind !== "Application" || !object.apiVersion.startsWith("argoproj.io/")) continue;
    const spec = object.document.spec as Record<string, unknown> | undefined;
    if (spec === null || typeof spec !== "object") continue;
    for (const source of [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])]) {
      if (source === null || typeof source !== "object") continue;
      const { path, chart, repoURL } = source as Record<string, unknown>;
      if (typeof path === "string" && typeof repoURL === "string" && chart === undefined) sources.push({ application: object, repoURL, path });
    }
  }
  return sources;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** Where `path` of the repository lies under `root` when the root is that repository at `prefix` ("" or "<root name>/"). */
function localFolder(root: string, prefix: string, path: string): string | undefined {
  const trimmed = path.replace(/^(\.\/+)+/, "");
  if (prefix === "") return resolve(root, trimmed);
  if (trimmed !== prefix.slice(0, -1) && !trimmed.startsWith(prefix)) return undefined;
  return resolve(dirname(root), trimmed);
}

/** `cwd`: findings name the folder looked for relative to it, as they name files. */
export function missingApplicationFolders(objects: readonly SourceObject[], roots: readonly string[], cwd: string): Finding[] {
  const sources = folderSources(objects);
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const root of roots) {
    // repoURL → the prefixes at which it is this root, learnt from folders that exist.
    const anchors = new Map<string, Set<string>>();
    for (const source of sources) {
      for (const prefix of ["", `${basename(root)}/`]) {
        const folder = localFolder(root, prefix, source.path);
        if (folder !== undefined && inside(root, folder) && isFolder(folder)) {
          const set = anchors.get(source.repoURL) ?? new Set<string>();
          set.add(prefix);
          anchors.set(source.repoURL, set);
        }
      }
    }
    for (const source of sources) {
      const prefixes = anchors.get(source.repoURL);
      if (prefixes === undefined) continue;
      const folders = [...prefixes].map((prefix) => localFolder(root, prefix, source.path)).filter((folder): folder is string => folder !== undefined && inside(root, folder));
      if (folders.length === 0 || folders.some(isFolder)) continue;
      const key = `${source.application.file}\0${source.application.documentIndex}\0${source.path}`;
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push({
        ruleId: SOURCE_PATH_RULE_ID,
        severity: "warning",
        file: source.application.file,
        line: source.application.line,
        object: describeObject(source.application),
        message: `source path ${source.path} of ${source.repoURL} is not a folder of the checked repository (${relative(cwd, folders[0]!) || "."} does not exist), so Argo CD reports "app path does not exist" and syncs nothing`,
        fix: `commit the manifests to ${source.path} in ${source.repoURL}, or point the Application at a folder that exists`,
      });
    }
  }
  return findings;
}
