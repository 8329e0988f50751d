/**
 * Which GitHub repository builds each application's image: its `githubRepository`, or
 * else the GitOps repository itself when that is on GitHub (a monorepo). Applications
 * with neither, or whose `image` is not the platform's ECR repository (built elsewhere),
 * get no workflow and no OIDC trust.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";

export interface CiRepository {
  readonly application: string;
  /** `owner/name`. */
  readonly repository: string;
  /** True when the application's code lives in the GitOps repository. */
  readonly isGitOpsRepository: boolean;
}

export function ciRepositories(spec: PlatformSpec): CiRepository[] {
  const gitopsRepository = githubRepositoryOf(spec.gitops.repoURL);
  const result: CiRepository[] = [];
  for (const [application, app] of Object.entries(spec.applications).sort(([a], [b]) => a.localeCompare(b))) {
    const repository = app.githubRepository ?? gitopsRepository;
    if (repository === undefined || app.image !== undefined) continue;
    result.push({ application, repository, isGitOpsRepository: repository.toLowerCase() === gitopsRepository?.toLowerCase() });
  }
  return result;
}

/** `owner/name` of a GitHub repository URL (https or ssh), or undefined for other hosts. */
export function githubRepositoryOf(url: string): string | undefined {
  const match = /^(?:https:\/\/github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  return match?.[1];
}
