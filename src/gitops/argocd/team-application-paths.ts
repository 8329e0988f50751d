/**
 * Where a team's own Application (`teams.<team>.applications.<name>`) reads its manifests
 * from when that is the GitOps repository Slipway writes, and what can be said about that
 * folder at synth time, from the tree just rendered:
 *
 * - **Inside a folder Slipway writes** (`apps/`, `applications/`, `platform/`, ... below
 *   `gitops.path`), or the tree's root itself: refused. Those folders belong to the
 *   platform's own Applications: the team's Application would deploy the platform's objects
 *   a second time under the team's project (two Applications owning, and pruning, the same
 *   objects), and every synth replaces the folder's files.
 * - **Anywhere else in that repository**: accepted, because the team commits its own folder
 *   there (docs/gitops-tenancy-and-applications.md). Slipway does not write it, so until it
 *   is committed Argo CD reports `app path does not exist` and syncs nothing: synth says so
 *   as a warning naming the folder, and `slipway check` reports it (`argocd-source-path`)
 *   while the folder is not in the checked tree.
 *
 * Applications of another repository are out of reach: nothing is said about them.
 */
import { normalizedRepositoryPath } from "../../platform-spec/grammars.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { teamApplications } from "./team-applications.js";

export interface TeamApplicationPathProblem {
  readonly path: readonly string[];
  readonly message: string;
}

export interface TeamApplicationPathReport {
  /** Paths that overlap the tree Slipway writes: spec errors. */
  readonly errors: readonly TeamApplicationPathProblem[];
  /** Paths the team must fill itself: warnings. */
  readonly warnings: readonly TeamApplicationPathProblem[];
}

/** `gitops.path` as a `/`-separated prefix; "" for the repository root. */
function treeBase(spec: PlatformSpec): string {
  const base = normalizedRepositoryPath(spec.gitops.path);
  return base === "." ? "" : base;
}

/**
 * `treePaths`: the files of the rendered tree, relative to its root (synthesizeGitOps' keys).
 */
export function teamApplicationPathReport(spec: PlatformSpec, treePaths: Iterable<string>): TeamApplicationPathReport {
  // Top-level entries of the tree: folders (a file below them) and the root's own files.
  const topLevel = new Map<string, "folder" | "file">();
  for (const path of treePaths) {
    const [first, ...rest] = path.split("/");
    if (topLevel.get(first!) !== "folder") topLevel.set(first!, rest.length > 0 ? "folder" : "file");
  }
  const written = [...topLevel].filter(([, kind]) => kind === "folder").map(([name]) => `${name}/`).sort().join(", ");
  const base = treeBase(spec);
  const errors: TeamApplicationPathProblem[] = [];
  const warnings: TeamApplicationPathProblem[] = [];
  for (const application of teamApplications(spec)) {
    if (application.repoURL !== spec.gitops.repoURL) continue;
    const field = ["teams", application.team, "applications", application.name, "path"];
    const path = application.path;
    // The folder as seen from the tree's root, or undefined when it lies outside the tree.
    const inTree = base === "" ? path : path === base ? "." : path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined;
    const where = base === "" ? "" : ` (gitops.path: ${base})`;
    if (inTree === ".") {
      errors.push({
        path: field,
        message: `${path} is the root of the GitOps tree Slipway writes${where}: the Application would deploy the whole platform again under team "${application.team}"'s project. Give the team a folder of its own, such as teams/${application.team}/${application.name}`,
      });
      continue;
    }
    const first = inTree?.split("/")[0];
    if (first !== undefined && topLevel.has(first)) {
      errors.push({
        path: field,
        message: `${path} is ${topLevel.get(first) === "folder" ? `inside ${first}/, a folder` : `${first}, a file`} Slipway writes${where}: its files belong to the platform's own Applications and every synth replaces them. Give the team a folder outside ${written}, such as teams/${application.team}/${application.name}`,
      });
      continue;
    }
    warnings.push({
      path: field,
      message: `${path} is a folder of ${application.repoURL} that Slipway does not write: commit team "${application.team}"'s manifests there (revision ${application.targetRevision}; in the repository, not in synth's output folder, which every synth replaces) before Argo CD syncs Application ${application.name}, or it reports "app path does not exist"`,
    });
  }
  return { errors, warnings };
}
